import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renameText } from '../../../scripts/rename/rename-lib.ts';
import { cardColours, oklchToHex, token } from './brand';

const stylesheetUrl = new URL('../styles/global.css', import.meta.url);

describe("the Open Graph cards' colours", () => {
  it('converts oklch() to sRGB as CSS does', () => {
    expect(oklchToHex('oklch(1 0 0)')).toBe('#ffffff');
    expect(oklchToHex('oklch(0 0 0)')).toBe('#000000');
    expect(oklchToHex('oklch(0.62796 0.25768 29.234)')).toBe('#ff0000');
    expect(oklchToHex('oklch(51.1% 0.2301 276.97)')).toBe('#4f46e5');
    expect(() => oklchToHex('#4f46e5')).toThrow('not an opaque oklch() colour');
  });

  it("are the light theme's brand tokens, and follow the hue a rename sets", async () => {
    const css = await readFile(stylesheetUrl, 'utf8');
    const primary = /^oklch\(0\.51 [\d.]+ (\d+)\)$/;
    expect(token(css, '--color-primary')).toMatch(primary);
    const colours = cardColours(css);
    expect(colours.background).toBe(oklchToHex(token(css, '--color-primary')));
    expect(colours.title).toBe(oklchToHex(token(css, '--on-brand')));

    const current = {
      name: 'Same',
      slug: 'same',
      domain: 'same.test',
      hue: Number(primary.exec(token(css, '--color-primary'))?.[1]),
    };
    const renamed = renameText('marketing/src/styles/global.css', css, current, { ...current, hue: (current.hue + 180) % 360 });
    // The rename keeps the lightness and may lower the chroma to what the new hue can show.
    expect(token(renamed, '--color-primary')).toMatch(new RegExp(`^oklch\\(0\\.51 [\\d.]+ ${(current.hue + 180) % 360}\\)$`));
    expect(cardColours(renamed).background).toBe(oklchToHex(token(renamed, '--color-primary')));
    expect(cardColours(renamed).background).not.toBe(colours.background);
    expect(cardColours(renamed).text).not.toBe(colours.text);
  });

  it('refuses a stylesheet without the token rather than drawing a default', () => {
    expect(() => token(':root { --bg: oklch(1 0 0); }', '--color-primary')).toThrow('declares no --color-primary');
    expect(token(':root { --color-primary-hover: oklch(0.4 0.2 1); --color-primary: oklch(0.5 0.2 1); }', '--color-primary')).toBe(
      'oklch(0.5 0.2 1)',
    );
  });
});
