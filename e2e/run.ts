/**
 * `npm run test:e2e`: starts a throwaway stack (in-memory PGlite, or TEST_DATABASE_URL), builds the
 * web app when its sources are newer than web/dist, runs the browser scenarios in Chromium and
 * prints `N passed, M failed`. The platform's scenarios are `e2e/*.e2e.ts`; a product feature keeps
 * its own beside its pages (`web/src/features/<name>/*.e2e.ts`), so removing the feature removes it. Exits non-zero on any failure; the stack is always stopped.
 *
 *   CHROMIUM_PATH        the Chromium/Chrome binary (default /usr/bin/chromium)
 *   TEST_DATABASE_URL    a PostgreSQL server to run against instead of PGlite
 *   E2E_PORT, E2E_DB_SERVER_PORT, E2E_PGLITE_PORT   ports (default 8799, 5590, 5591)
 *   E2E_HEADED=1         show the browser window
 *   E2E_ONLY=<text>      run only the scenario files whose name contains it (or: npm run test:e2e -- <text>)
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../scripts/browser.ts';
import { seedDemo } from '../scripts/seed-lib.ts';
import { buildWeb, root, type Stack, startStack } from '../scripts/stack.ts';
import type { E2EContext, Step } from './helpers.ts';

const stepTimeoutMs = 90_000;
const mainPath = 'e2e/app.e2e.ts';
const featuresDir = 'web/src/features';
const artifacts = join(root, 'e2e/artifacts');

let stack: Stack | undefined;
let browser: Browser | undefined;
let passed = 0;
let failed = 0;
let skipped = 0;

async function shutdown(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  await stack?.stop().catch(() => undefined);
  stack = undefined;
}

let interrupted = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error(`\n${signal}: stopping…`);
  void shutdown().then(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  const started = Date.now();
  if (await webBuildIsStale()) {
    console.log('Building the web app…');
    await buildWeb({ quiet: true });
  }
  console.log('Starting the stack…');
  stack = await startStack({
    port: port('E2E_PORT', 8799),
    dbServerPort: port('E2E_DB_SERVER_PORT', 5590),
    pglitePort: port('E2E_PGLITE_PORT', 5591),
    dataDir: null,
    databaseUrl: process.env.TEST_DATABASE_URL || undefined,
    buildWeb: true,
    quiet: true,
  });
  // The demo account `npm run dev` seeds, for the scenarios that log in as it (seeding is idempotent).
  const demoSeed = await seedDemo(stack.postgresUrl);
  if (demoSeed.skipped) throw new Error(`the demo account was not seeded: ${demoSeed.skipped}`);
  browser = await launchChromium({ headless: process.env.E2E_HEADED !== '1' });
  console.log(`Stack and browser ready in ${seconds(Date.now() - started)} (${stack.url}).\n`);
  for (const [index, file] of (await scenarioFiles()).entries()) {
    const { scenario } = (await import(pathToFileURL(join(root, file)).href)) as { scenario: Step[] };
    console.log(`${file}`);
    await runScenario(browser, stack.url, scenario, `198.51.100.${index + 1}`);
  }
} catch (error) {
  failed += 1;
  console.error(`\n✘ setup failed\n${describe(error)}`);
} finally {
  await shutdown();
}

if (skipped > 0) console.log(`(${skipped} skipped after a failed step of their scenario)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

/**
 * Every `e2e/*.e2e.ts` and `web/src/features/<name>/*.e2e.ts`, as paths from the root, the main path
 * (`e2e/app.e2e.ts`) first. Each file exports `scenario: Step[]`.
 */
async function scenarioFiles(): Promise<string[]> {
  const only = process.argv[2] || process.env.E2E_ONLY;
  const inDir = async (dir: string) => (await readdir(join(root, dir))).filter((f) => f.endsWith('.e2e.ts')).map((f) => `${dir}/${f}`);
  const features = await readdir(join(root, featuresDir), { withFileTypes: true });
  const files = [
    ...(await inDir('e2e')),
    ...(await Promise.all(features.filter((d) => d.isDirectory()).map((d) => inDir(`${featuresDir}/${d.name}`)))).flat(),
  ].filter((f) => !only || (f.split('/').pop() ?? '').includes(only));
  return files.sort((a, b) => (a === mainPath ? -1 : b === mainPath ? 1 : a.localeCompare(b)));
}

/** One browser context per scenario file (and one per `secondBrowser` it opens); a failed step skips the rest of its own scenario only. */
async function runScenario(browser: Browser, baseUrl: string, scenario: Step[], clientIp: string): Promise<void> {
  // Each scenario is its own visitor: the edge sets CF-Connecting-IP, and per-IP limits (sign-up:
  // 5 an hour) would otherwise count every scenario's sign-ups against one address.
  const context = await browser.newContext({ baseURL: baseUrl, extraHTTPHeaders: { 'cf-connecting-ip': clientIp } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.setDefaultNavigationTimeout(30_000);
  const journal = watch(page);
  const violations = policyViolations(page);
  const others: Array<{ name: string; page: Page; journal: string[] }> = [];
  const e2e: E2EContext = {
    page,
    baseUrl,
    async secondBrowser(name, options = {}) {
      const headers = options.clientIp ? { 'cf-connecting-ip': options.clientIp } : undefined;
      const other = await (await browser.newContext({ baseURL: baseUrl, extraHTTPHeaders: headers })).newPage();
      other.setDefaultTimeout(20_000);
      other.setDefaultNavigationTimeout(30_000);
      others.push({ name, page: other, journal: watch(other) });
      policyViolations(other, violations);
      return other;
    },
  };
  let scenarioFailed = false;

  for (const [index, step] of scenario.entries()) {
    if (scenarioFailed) {
      skipped += 1;
      console.log(`  - ${step.name} (skipped)`);
      continue;
    }
    const started = Date.now();
    try {
      await withTimeout(step.run(e2e), stepTimeoutMs, step.name);
      passed += 1;
      console.log(`  ✔ ${step.name} (${seconds(Date.now() - started)})`);
    } catch (error) {
      failed += 1;
      scenarioFailed = true;
      console.log(`  ✘ ${step.name} (${seconds(Date.now() - started)})`);
      console.log(indent(describe(error)));
      console.log(indent(`page: ${page.url()}`));
      const recent = journal.slice(-15);
      if (recent.length > 0) console.log(indent(`browser log (last ${recent.length}):\n${recent.join('\n')}`));
      await saveArtifacts(page, index, step.name, journal);
      for (const other of others.filter((o) => !o.page.isClosed())) {
        console.log(indent(`${other.name}'s page: ${other.page.url()}`));
        const theirs = other.journal.slice(-15);
        if (theirs.length > 0) console.log(indent(`${other.name}'s browser log (last ${theirs.length}):\n${theirs.join('\n')}`));
        await saveArtifacts(other.page, index, `${step.name} ${other.name}`, other.journal);
      }
    }
  }
  if (violations.length > 0) {
    failed += 1;
    console.log(`  ✘ the pages reported ${violations.length} Content-Security-Policy violation(s)`);
    console.log(indent(violations.slice(0, 10).join('\n')));
  }
  for (const other of others) await other.page.context().close();
  await context.close();
}

/** What the browser reports against the pages' Content-Security-Policy (into `violations`): a scenario must end with none. */
function policyViolations(page: Page, violations: string[] = []): string[] {
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}

/** Console messages, page errors and failed API calls, for the report when a step fails. */
function watch(page: Page): string[] {
  const journal: string[] = [];
  const add = (line: string) => {
    journal.push(line);
    if (journal.length > 200) journal.shift();
  };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') add(`[console.${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => add(`[pageerror] ${error.message}`));
  page.on('requestfailed', (request) => add(`[requestfailed] ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) add(`[http ${response.status()}] ${response.request().method()} ${response.url()}`);
  });
  return journal;
}

async function saveArtifacts(page: Page, index: number, name: string, journal: string[]): Promise<void> {
  const base = join(
    artifacts,
    `${String(index + 1).padStart(2, '0')}-${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`,
  );
  try {
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 });
    await writeFile(`${base}.log`, `${page.url()}\n\n${journal.join('\n')}\n`);
    console.log(indent(`screenshot: ${base.slice(root.length + 1)}.png`));
  } catch (error) {
    console.log(indent(`could not save a screenshot: ${describe(error)}`));
  }
}

/** True when web/dist is missing or older than anything it is built from. */
async function webBuildIsStale(): Promise<boolean> {
  const built = await stat(join(root, 'web/dist/index.html')).catch(() => null);
  if (!built) return true;
  const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts'];
  for (const source of sources) {
    if ((await newestMtime(join(root, source))) > built.mtimeMs) return true;
  }
  return false;
}

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${what}" took longer than ${seconds(ms)}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65_535) throw new Error(`${name} must be a port number`);
  return parsed;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : inspect(error);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
