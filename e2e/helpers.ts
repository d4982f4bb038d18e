/// <reference lib="dom" />
/**
 * What the browser scenarios share: their shape (`Step`), the controls every page has, signing up,
 * logging in and out, creating a workspace, requests from the page or from outside the browser,
 * and links from the dev inbox.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { identityFakePorts } from '../scripts/identity-fakes/index.ts';
import { root } from '../scripts/stack.ts';
import { setContextText } from '../worker/db/context.ts';

export interface E2EContext {
  page: Page;
  /** The app's origin, e.g. http://localhost:8799 */
  baseUrl: string;
  /**
   * A page in a browser context of its own (another person, another device), named for the report:
   * the runner watches it as it watches `page`, shows its log and a screenshot when a step fails,
   * and closes it with the scenario if the scenario did not.
   */
  secondBrowser(name: string, options?: { clientIp?: string }): Promise<Page>;
}

/** One step of a scenario file's `scenario: Step[]`; `e2e/run.ts` runs them in order on one page. */
export interface Step {
  name: string;
  run(context: E2EContext): Promise<void>;
}

export interface Person {
  name: string;
  email: string;
  password: string;
}

export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
export const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** Answers the open "are you sure?" dialog with its action button. */
export async function confirmAlert(page: Page, action: string): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The sidebar's workspace switcher: a menu button named "Workspace: <current name> <role>". */
export const workspaceSwitcher = (page: Page, current?: string) =>
  page.getByRole('button', { name: current === undefined ? /^Workspace: / : `Workspace: ${current} ` });

/** Opens the workspace switcher and picks `name` (a workspace, or "New workspace"). */
export async function chooseInSwitcher(page: Page, name: string): Promise<void> {
  await workspaceSwitcher(page).click();
  await page.getByRole('menu').getByRole('menuitem').filter({ hasText: name }).first().click();
}

/** The workspaces the switcher offers, by name; the menu is closed again. */
export async function switcherWorkspaces(page: Page): Promise<string[]> {
  await workspaceSwitcher(page).click();
  const menu = page.getByRole('menu');
  await menu.waitFor();
  const names = (await menu.getByRole('menuitem').allInnerTexts()).map((text) => text.trim()).filter((text) => text !== 'New workspace');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  return names;
}

/** Opens one section of the account settings through the user menu. */
export async function openAccountSettings(page: Page, section: string): Promise<void> {
  await button(page, 'Account menu').click();
  await page.getByRole('menuitem', { name: 'Account settings' }).click();
  await page.getByRole('navigation').getByRole('link', { name: section, exact: true }).click();
}

/** Fills the sign-up form on the page and sends it. */
export async function submitSignUpForm(page: Page, person: Person): Promise<void> {
  await field(page, 'Name').fill(person.name);
  await field(page, 'Email').fill(person.email);
  await field(page, 'Password').fill(person.password);
  await button(page, 'Sign up').click();
}

/**
 * Signs up from the sign-up page; resolves on the create-your-workspace step it leads to. A refused
 * or unanswered sign-up fails here with its status and body, not later as a page that never moved.
 */
export async function signUp(page: Page, person: Person): Promise<void> {
  await page.goto('/signup');
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/auth/signup');
  await submitSignUpForm(page, person);
  const response = await answered;
  if (!response.ok()) throw new Error(`sign-up of ${person.email} answered ${response.status()}: ${await response.text()}`);
  await page.waitForURL('**/workspaces/new');
}

/** Fills the log-in form and sends it; where it leads (a workspace, the second factor, an error) is the caller's to wait for. */
export async function logIn(page: Page, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  await page.goto('/login');
  await field(page, 'Email').fill(person.email);
  await field(page, 'Password').fill(person.password);
  await button(page, 'Log in').click();
}

export async function logOut(page: Page): Promise<void> {
  await button(page, 'Account menu').click();
  await page.getByRole('menuitem', { name: 'Log out', exact: true }).click();
  await page.waitForURL('**/login**');
}

/**
 * Waits for a page of the workspace `slug` with its navigation. A workspace opens on its first
 * product feature's page, or on its members when no product module is installed.
 */
export async function waitForWorkspace(page: Page, slug: string): Promise<void> {
  await page.waitForURL(new RegExp(`/w/${slug}/[^?#]+`));
  await page.getByRole('link', { name: 'Members', exact: true }).waitFor();
}

/** Creates a workspace with the form on the page; resolves on its first page. */
export async function createWorkspace(page: Page, workspace: { name: string; slug: string }): Promise<void> {
  await field(page, 'Workspace name').fill(workspace.name);
  await field(page, 'Slug').fill(workspace.slug);
  await button(page, 'Create workspace').click();
  await waitForWorkspace(page, workspace.slug);
}

/** Opens a page of the workspace from its navigation (`Teams`, `API keys`, …). */
export async function openFromNav(page: Page, label: string, path: string): Promise<void> {
  await page.getByRole('link', { name: label, exact: true }).click();
  await page.waitForURL(`**${path}`);
}

/** A row of the list on the page that shows `text`. */
export const rowWith = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

export interface Answer {
  status: number;
  /** The parsed JSON body; the text when it is not JSON; null when empty. */
  body: any;
}

const parsed = (text: string): unknown => {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A request from the page, with its cookies and origin, as the app itself sends it. */
export async function fromPage(page: Page, path: string, options: { method?: string; body?: unknown } = {}): Promise<Answer> {
  const { status, text } = await page.evaluate(
    async ({ path, method, body }) => {
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    },
    { path, method: options.method ?? 'GET', body: options.body },
  );
  return { status, body: parsed(text) };
}

/** The status of `/api/v1/me` from the page: 200 while it is signed in, 401 once it is not. */
export async function meStatus(page: Page): Promise<number> {
  return (await fromPage(page, '/api/v1/me')).status;
}

/** A request from outside the browser, as a script or a CLI sends it, with a bearer credential when given. */
export async function fromOutside(
  baseUrl: string,
  path: string,
  options: { method?: string; bearer?: string; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: parsed(await response.text()) };
}

/** The stack's OpenID Provider and DNS-over-HTTPS stand-ins, on the ports after the app's. */
export function identityFakes(baseUrl: string): { idp: string; doh: string } {
  const ports = identityFakePorts(Number(new URL(baseUrl).port));
  return { idp: `http://127.0.0.1:${ports.idp}`, doh: `http://127.0.0.1:${ports.doh}` };
}

/**
 * From a workspace page: opens its SSO settings and saves a connection to `issuer`, with a client id
 * and secret the IdP does not know yet. Returns the redirect URI the page then shows.
 */
export async function saveSsoConnection(page: Page, issuer: string, client: string): Promise<string> {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('link', { name: 'Single sign-on', exact: true }).click();
  await page.getByRole('heading', { name: 'Single sign-on', exact: true }).waitFor();
  await field(page, 'Issuer URL').fill(issuer);
  await field(page, 'Client ID').fill(client);
  await field(page, 'Client secret').fill(client);
  await button(page, 'Save connection').click();
  return (await page.getByTestId('sso-redirect-uri').textContent()) ?? '';
}

interface InboxMessage {
  tag: string | null;
  text: string;
}

/**
 * The first link matching `pattern` in the newest mail of kind `tag` to `to`, waiting until at least
 * `count` such mails have arrived (a resent link is the second).
 */
export async function mailedLink(baseUrl: string, to: string, tag: string, pattern: RegExp, count = 1): Promise<URL> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/dev/inbox?to=${encodeURIComponent(to)}`, { signal: AbortSignal.timeout(10_000) });
    const { data } = (await response.json()) as { data: InboxMessage[] };
    const mails = data.filter((m) => m.tag === tag);
    const link = mails.length >= count ? pattern.exec(mails[0]?.text ?? '')?.[0] : undefined;
    if (link) return new URL(link);
    assert.ok(Date.now() < deadline, `expected ${count} ${tag} mail for ${to}, got ${mails.length}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Confirms the address of the signed-in person with the link mailed at sign-up, as they would. */
export async function confirmEmail(page: Page, baseUrl: string, email: string): Promise<void> {
  const link = await mailedLink(baseUrl, email, 'verify-email', /https?:\/\/\S+\/verify-email#token=[A-Za-z0-9_-]{43}/);
  await page.goto(`${link.pathname}${link.hash}`);
  await page.getByText('is verified').waitFor();
}

/** The database of the stack under test (e2e/run.ts): its PGlite, or TEST_DATABASE_URL. */
export const databaseUrl = () =>
  process.env.TEST_DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PGLITE_PORT ?? 5591}/postgres`;

/**
 * Runs `npm run flags -- <args>` on the stack's database, as the operator does; answers what it
 * printed. Asynchronously: the stack's embedded database answers from this process.
 */
export async function operatorFlags(...args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'scripts/flags.ts'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl() },
      timeout: 60_000,
    });
    return stdout;
  } catch (error) {
    throw new Error(`npm run flags -- ${args.join(' ')} failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
}

/**
 * Runs `statement` ($1 is the workspace's id) with the workspace in context, as the owner role does
 * for jobs: what a scenario cannot reach through the app in its time (a trial's end, a suspension).
 */
export async function asWorkspace(slug: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query('begin');
    const workspaceId = (await client.query('select id from workspace where slug = $1', [slug])).rows[0]?.id as string;
    await client.query(setContextText('workspace_id'), [workspaceId]);
    await client.query(statement, [workspaceId]);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

/**
 * Holds every PUT to the local storage endpoint for a moment, so an upload's progress bar stays on
 * screen long enough to be seen; returns whether a PUT went there.
 */
export async function slowStoragePuts(page: Page): Promise<() => boolean> {
  let seen = false;
  await page.route('**/dev/r2/**', async (route) => {
    if (route.request().method() === 'PUT') {
      seen = true;
      await new Promise((resolve) => setTimeout(resolve, 1200));
    }
    await route.continue();
  });
  return () => seen;
}

/**
 * With E2E_SCREENSHOTS=<folder>: the page as it is, whole, at a phone's and a laptop's size, light
 * and dark, as `<name>-<width>-<theme>.png`; then back to the laptop size, light.
 */
export async function screenshotsAtBothSizes(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  for (const size of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    for (const theme of ['light', 'dark'] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      // Colours change with a short transition: the picture is of the theme, not of the way there.
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(folder, `${name}-${size.width}-${theme}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}
