import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The system's Chromium (no browser is downloaded), with the flags a headless run in a container needs. */
export function launchChromium({ headless = true }: { headless?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * axe-core's serious and critical findings on the page as it is now, one line each. Its source is
 * evaluated through the DevTools protocol, which the pages' `script-src 'self'` does not govern:
 * injecting it as a <script> would be a CSP violation, and the browser scenarios fail on those.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    const inPage = (window as unknown as { axe: typeof axe }).axe;
    const result = await inPage.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => String(n.target)),
    }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(' | ')})`);
}

/** How many pixels the page is wider than its viewport (0 when nothing scrolls sideways). */
export async function sidewaysOverflow(page: Page): Promise<{ scroll: number; client: number; overflow: number }> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  return { scroll, client, overflow: Math.max(0, scroll - client) };
}
