import { readFile } from 'node:fs/promises';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import Docs from '../pages/docs/index.astro';
import { capabilityMismatches, docsCapabilityTitles, readmeCapabilityTitles } from './docs-coverage';

const readmeUrl = new URL('../../../README.md', import.meta.url);

const readmeWith = (...titles: string[]) =>
  `# Product\n\n## What works today\n\nIntro.\n\n${titles.map((title) => `- **${title}:** what it does,\n  over two lines.`).join('\n')}\n\n## Roadmap (not built yet)\n\n- **Later:** not yet.\n`;
const docsWith = (...titles: string[]) =>
  `<h2 id="toc-title">Capabilities</h2>${titles
    .map((title) => `<section class="capability" aria-labelledby="x">\n<h2 id="x">${title.replaceAll('&', '&amp;')}</h2><p>…</p></section>`)
    .join('')}<section aria-labelledby="roadmap"><h2 id="roadmap">Not built yet</h2></section>`;

describe("the owner's docs list exactly the README's capabilities", () => {
  it('holds for the docs page as built from this README', async () => {
    const readme = await readFile(readmeUrl, 'utf8');
    const html = await (await AstroContainer.create()).renderToString(Docs);
    expect(readmeCapabilityTitles(readme).length).toBeGreaterThan(10);
    expect(docsCapabilityTitles(html)).toEqual(readmeCapabilityTitles(readme));
    expect(capabilityMismatches(readme, html)).toEqual([]);
  });

  it('fails when the docs list a capability the README lacks, or lack one it lists', () => {
    const readme = readmeWith('Identity', 'Billing & plans', 'Realtime');
    expect(capabilityMismatches(readme, docsWith('Identity', 'Billing & plans', 'Realtime'))).toEqual([]);
    expect(capabilityMismatches(readme, docsWith('Identity', 'Billing & plans', 'Search'))).toEqual([
      `the docs lack the README's capability "Realtime"`,
      `the docs list "Search", which the README's list lacks`,
    ]);
    expect(capabilityMismatches(readmeWith('Identity'), docsWith())).toEqual([`the docs lack the README's capability "Identity"`]);
  });

  it('reads only the README\'s "What works today" list, and fails when it finds none', () => {
    expect(readmeCapabilityTitles(readmeWith('Identity', 'Tenancy'))).toEqual(['Identity', 'Tenancy']);
    expect(capabilityMismatches('# Product\n\n- **Identity:** …', docsWith('Identity'))).toEqual([
      'the README lists no capability under "## What works today"',
    ]);
  });
});
