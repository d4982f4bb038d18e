// One Open Graph card per page, drawn at build time (1200×630 PNG: the networks that unfurl links do not
// show SVG): the product's name, the page's title and its description. The font ships with the build, so
// the cards look the same on every machine that builds them. The colours are the stylesheet's brand
// tokens (lib/brand.ts), so a rename's new hue reaches the cards too.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { APIRoute, GetStaticPaths } from 'astro';
import { cardColours } from '../../lib/brand';
import { ogSlug, pages, productName } from '../../site';
import stylesheet from '../../styles/global.css?raw';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => join(fontDir, file));

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Breaks text into at most `maxLines` lines of about `perLine` characters, ending in … when cut. */
function wrap(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${(kept[maxLines - 1] ?? '').slice(0, perLine - 1)}…`;
  return kept;
}

const colours = cardColours(stylesheet);

function card(title: string, description: string): string {
  const titleLines = wrap(title, 20, 2);
  const descriptionLines = wrap(description, 50, 2);
  const text = (lines: string[], y: number, step: number, attributes: string) =>
    lines.map((line, i) => `<text x="80" y="${y + i * step}" ${attributes}>${escapeXml(line)}</text>`).join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="${colours.background}"/>
  <text x="80" y="130" font-family="DejaVu Sans" font-size="40" font-weight="700" fill="${colours.text}">${escapeXml(productName)}</text>
  ${text(titleLines, 290, 88, `font-family="DejaVu Sans" font-size="72" font-weight="700" fill="${colours.title}"`)}
  ${text(descriptionLines, 290 + titleLines.length * 88 + 20, 44, `font-family="DejaVu Sans" font-size="32" fill="${colours.text}"`)}
</svg>`;
}

export const getStaticPaths: GetStaticPaths = () => pages.map((page) => ({ params: { slug: ogSlug(page.path) }, props: { page } }));

export const GET: APIRoute = ({ props }) => {
  const page = props.page as (typeof pages)[number];
  const png = new Resvg(card(page.title, page.description), {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
