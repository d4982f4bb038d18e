/**
 * Checks the built marketing site (`npm run build:marketing` first) in Chromium: every page of
 * its sitemap at 390 px and 1280 px, light and dark, has no serious or critical axe-core finding
 * and nothing wider than the screen; no page carries a script; the landing page is at most 100 KB
 * transferred (gzip) without images; robots.txt names the sitemap and every page its canonical URL
 * and a 1200×630 PNG Open Graph card drawn in the brand's colour (the light theme's --color-primary).
 * That the owner's docs list exactly the README's capabilities is a test
 * (marketing/src/lib/docs-coverage.test.ts).
 *
 *   node scripts/check-marketing.ts [--screenshots /tmp/marketing]
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium, seriousAccessibilityViolations, sidewaysOverflow } from './browser.ts';
import { root } from './stack.ts';

const dist = join(root, 'marketing/dist/client');
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};
const { values } = parseArgs({ options: { screenshots: { type: 'string' } } });

async function fileFor(path: string): Promise<string | null> {
  const file = normalize(join(dist, decodeURIComponent(path)));
  if (!file.startsWith(dist)) return null;
  const found = await stat(file).catch(() => null);
  if (found?.isDirectory()) return fileFor(join(path, 'index.html'));
  return found ? file : null;
}

const server = createServer((req, res) => {
  void fileFor(new URL(req.url ?? '/', 'http://x').pathname).then(async (file) => {
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const problems: string[] = [];
const sitemap = await readFile(join(dist, 'sitemap.xml'), 'utf8');
const site = new URL((sitemap.match(/<loc>([^<]+)<\/loc>/) ?? [])[1] ?? 'https://invalid').origin;
const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '/').pathname);
if (!(await readFile(join(dist, 'robots.txt'), 'utf8')).includes(`Sitemap: ${site}/sitemap.xml`))
  problems.push('robots.txt does not name the sitemap');

// The landing page's weight: its HTML and every stylesheet it links, gzipped, as a browser downloads them.
const landing = await readFile(join(dist, 'index.html'), 'utf8');
let landingBytes = gzipSync(landing).length;
for (const [, href] of landing.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g))
  landingBytes += gzipSync(await readFile(join(dist, href ?? ''))).length;
console.log(`landing page: ${(landingBytes / 1024).toFixed(1)} KB transferred (gzip), images excluded`);
if (landingBytes > 100 * 1024) problems.push(`the landing page is ${landingBytes} bytes, over 100 KB`);

/** The card must be a 1200×630 PNG that was built: the networks that unfurl links show neither SVG nor a 404. */
async function openGraphImageProblems(page: string, imagePath: string): Promise<string[]> {
  const file = await fileFor(imagePath);
  if (!file) return [`${page}: its Open Graph image ${imagePath} was not built`];
  const png = await readFile(file);
  const signature = png.subarray(0, 8).toString('hex');
  if (signature !== '89504e470d0a1a0a') return [`${page}: ${imagePath} is not a PNG`];
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  return width === 1200 && height === 630 ? [] : [`${page}: ${imagePath} is ${width}×${height}, not 1200×630`];
}

/** Chromium's sRGB reading of a colour: a CSS colour painted on a canvas, or the pixel (x, y) of an image the site serves. */
async function sampleColour(page: Page, source: { css: string } | { image: string; x: number; y: number }): Promise<number[]> {
  return page.evaluate(async (from) => {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    if ('css' in from) {
      context.fillStyle = from.css;
      context.fillRect(0, 0, 1, 1);
      return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    }
    const image = new Image();
    image.src = from.image;
    await image.decode();
    [canvas.width, canvas.height] = [image.width, image.height];
    context.drawImage(image, 0, 0);
    return [...context.getImageData(from.x, from.y, 1, 1).data.slice(0, 3)];
  }, source);
}

/** The cards are drawn in the brand's colour: the light theme's --color-primary, as the site's own stylesheet resolves it. */
async function openGraphColourProblems(imagePaths: string[]): Promise<string[]> {
  const context = await browser.newContext({ colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim());
    const brand = await sampleColour(page, { css: primary });
    const problems: string[] = [];
    for (const imagePath of imagePaths) {
      const corner = await sampleColour(page, { image: imagePath, x: 8, y: 8 });
      if (corner.some((channel, i) => Math.abs(channel - (brand[i] ?? 0)) > 2))
        problems.push(
          `${imagePath} is drawn in rgb(${corner.join(', ')}), not the brand's --color-primary ${primary}, rgb(${brand.join(', ')})`,
        );
    }
    return problems;
  } finally {
    await context.close();
  }
}

const browser = await launchChromium();
const ogImages: string[] = [];
try {
  for (const path of paths) {
    const html = await readFile((await fileFor(path)) ?? '', 'utf8');
    if (/<script\b/i.test(html)) problems.push(`${path} carries a script`);
    if (!html.includes(`<link rel="canonical" href="${site}${path}"`)) problems.push(`${path} has no canonical URL ${site}${path}`);
    const ogImage = /<meta property="og:image" content="([^"]+\.png)"/.exec(html)?.[1];
    if (!ogImage) problems.push(`${path} has no Open Graph image`);
    else {
      problems.push(...(await openGraphImageProblems(path, new URL(ogImage).pathname)));
      ogImages.push(new URL(ogImage).pathname);
    }
    for (const width of [390, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({
          viewport: { width, height: width === 390 ? 844 : 800 },
          colorScheme,
          javaScriptEnabled: true,
        });
        const page = await context.newPage();
        await page.goto(`${origin}${path}`);
        const label = `${path} at ${width} px, ${colorScheme}`;
        for (const found of await seriousAccessibilityViolations(page)) problems.push(`${label}: ${found}`);
        const { overflow } = await sidewaysOverflow(page);
        if (overflow > 0) problems.push(`${label}: ${overflow} px wider than the screen`);
        if (values.screenshots) {
          await page.screenshot({
            path: join(values.screenshots, `${path.replaceAll('/', '_') || 'home'}-${width}-${colorScheme}.png`),
            fullPage: true,
          });
        }
        await context.close();
      }
    }
    console.log(`checked ${path}`);
  }
  problems.push(...(await openGraphColourProblems(ogImages)));
} finally {
  await browser.close();
  server.close();
}
for (const problem of problems) console.error(`✗ ${problem}`);
console.log(problems.length ? `\n${problems.length} problems.` : `\nThe marketing site: ${paths.length} pages pass.`);
process.exit(problems.length ? 1 : 0);
