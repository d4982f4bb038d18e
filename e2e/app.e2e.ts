/**
 * The main path through the app in a real browser, against a real worker and database:
 * sign up, create a workspace, a project and an API key, use the key from outside the browser,
 * revoke it, log out and back in, delete the project. Steps share one page and run in order;
 * `e2e/run.ts` runs them (npm run test:e2e).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { confirmEmail } from './mail.ts';

export interface E2EContext {
  page: Page;
  /** The app's origin, e.g. http://localhost:8799 */
  baseUrl: string;
}

export interface Step {
  name: string;
  run(context: E2EContext): Promise<void>;
}

const run = randomBytes(4).toString('hex');
const account = {
  name: 'Grace Tester',
  email: `e2e-${run}@example.com`,
  password: `correct horse battery ${run}`,
};
const workspace = { name: `E2E Workspace ${run}`, slug: `e2e-${run}` };
const project = { name: `Launch plan ${run}`, description: 'Made by the browser test.' };
const keyName = `e2e key ${run}`;
let apiKey = '';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const projectRow = (page: Page) => page.getByTestId('project-row').filter({ hasText: project.name });

/** A request with the page's cookies, as the app itself would send it. */
async function statusFromPage(page: Page, path: string): Promise<number> {
  return page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).status, path);
}

async function withApiKey(baseUrl: string, path: string) {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${apiKey}` },
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

export const scenario: Step[] = [
  {
    name: 'signs up a new account and is sent to create a first workspace',
    async run({ page }) {
      await page.goto('/signup');
      await field(page, 'Name').fill(account.name);
      await field(page, 'Email').fill(account.email);
      await field(page, 'Password').fill(account.password);
      await button(page, 'Sign up').click();
      await page.waitForURL('**/workspaces/new');
      await page.getByRole('heading', { name: 'No workspace yet' }).waitFor();
      assert.equal(await statusFromPage(page, '/api/v1/me'), 200);
    },
  },
  {
    name: 'creates a workspace and lands on its projects',
    async run({ page }) {
      await field(page, 'Workspace name').fill(workspace.name);
      await field(page, 'Slug').fill(workspace.slug);
      await button(page, 'Create workspace').click();
      await page.waitForURL(`**/w/${workspace.slug}/projects`);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    },
  },
  {
    name: 'creates a project and sees it listed',
    async run({ page }) {
      // The empty state's button opens the form; the form's submit button has the same label.
      await button(page, 'Create project').first().click();
      await field(page, 'Project name').fill(project.name);
      await field(page, 'Description').fill(project.description);
      await page.locator('form').getByRole('button', { name: 'Create project', exact: true }).click();
      await projectRow(page).waitFor();
      assert.ok(((await projectRow(page).textContent()) ?? '').includes(project.description));
    },
  },
  {
    name: 'confirms the email address with the mailed link (API keys need it)',
    async run({ page, baseUrl }) {
      await confirmEmail(page, baseUrl, account.email);
      await page.goto(`/w/${workspace.slug}/projects`);
      await projectRow(page).waitFor();
    },
  },
  {
    name: 'creates an API key and shows it once',
    async run({ page }) {
      await page.getByRole('link', { name: 'API keys', exact: true }).click();
      await page.waitForURL(`**/w/${workspace.slug}/api-keys`);
      await field(page, 'Key name').fill(keyName);
      await button(page, 'Create API key').click();
      const box = page.getByTestId('new-api-key');
      await box.waitFor();
      apiKey = ((await box.textContent()) ?? '').trim();
      assert.ok(apiKey.length >= 20, `expected a key, got "${apiKey}"`);
      await page.getByTestId('api-key-row').filter({ hasText: keyName }).waitFor();
    },
  },
  {
    name: 'the API key lists the workspace’s projects from outside the browser',
    async run({ baseUrl }) {
      const { status, body } = await withApiKey(baseUrl, `/api/v1/w/${workspace.slug}/projects`);
      assert.equal(status, 200, JSON.stringify(body));
      const names = (body.items as Array<{ name: string }>).map((p) => p.name);
      assert.ok(names.includes(project.name), `project missing from ${JSON.stringify(names)}`);
    },
  },
  {
    name: 'a revoked API key is refused',
    async run({ page, baseUrl }) {
      await button(page, 'I have copied the key').click();
      await page.getByTestId('new-api-key').waitFor({ state: 'detached' });
      const row = page.getByTestId('api-key-row').filter({ hasText: keyName });
      await row.getByRole('button', { name: 'Revoke', exact: true }).click();
      await row.waitFor({ state: 'detached' });
      const { status, body } = await withApiKey(baseUrl, `/api/v1/w/${workspace.slug}/projects`);
      assert.equal(status, 401, JSON.stringify(body));
    },
  },
  {
    name: 'logs out; the session no longer works',
    async run({ page }) {
      await button(page, 'Log out').click();
      await page.waitForURL('**/login**');
      assert.equal(await statusFromPage(page, '/api/v1/me'), 401);
      // Signed-in screens now send the visitor to log in.
      await page.goto(`/w/${workspace.slug}/projects`);
      await page.waitForURL('**/login**');
    },
  },
  {
    name: 'logs back in and returns to the workspace',
    async run({ page }) {
      await page.goto('/login');
      await field(page, 'Email').fill(account.email);
      await field(page, 'Password').fill(account.password);
      await button(page, 'Log in').click();
      await page.waitForURL(`**/w/${workspace.slug}/projects`);
      await projectRow(page).waitFor();
      assert.equal(await statusFromPage(page, '/api/v1/me'), 200);
    },
  },
  {
    name: 'deletes the project',
    async run({ page }) {
      await projectRow(page).getByRole('button', { name: 'Delete', exact: true }).click();
      await projectRow(page).waitFor({ state: 'detached' });
      const names = await page.evaluate(async (url) => {
        const response = await fetch(url, { credentials: 'same-origin' });
        const body = (await response.json()) as { items: Array<{ name: string }> };
        return body.items.map((p) => p.name);
      }, `/api/v1/w/${workspace.slug}/projects`);
      assert.ok(!names.includes(project.name), `still listed: ${JSON.stringify(names)}`);
    },
  },
];
