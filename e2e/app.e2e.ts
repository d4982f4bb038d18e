/**
 * The main path through the app in a real browser, against a real worker and database:
 * sign up, create a workspace, a project and an API key, use the key from outside the browser,
 * revoke it, log out and back in, delete the project. Steps share one page and run in order;
 * `e2e/run.ts` runs them (npm run test:e2e).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  confirmAlert,
  button,
  confirmEmail,
  createWorkspace,
  field,
  fromOutside,
  fromPage,
  logIn,
  logOut,
  meStatus,
  signUp,
  type Step,
} from './helpers.ts';

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

const projectRow = (page: Page) => page.getByTestId('project-row').filter({ hasText: project.name });

export const scenario: Step[] = [
  {
    name: 'signs up a new account and is sent to create a first workspace',
    async run({ page }) {
      await signUp(page, account);
      await page.getByRole('heading', { name: 'No workspace yet', exact: true }).waitFor();
      assert.equal(await meStatus(page), 200);
    },
  },
  {
    name: 'creates a workspace and lands on its projects',
    async run({ page }) {
      await createWorkspace(page, workspace);
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
      const { status, body } = await fromOutside(baseUrl, `/api/v1/w/${workspace.slug}/projects`, { bearer: apiKey });
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
      await confirmAlert(page, 'Revoke key');
      await row.waitFor({ state: 'detached' });
      const { status, body } = await fromOutside(baseUrl, `/api/v1/w/${workspace.slug}/projects`, { bearer: apiKey });
      assert.equal(status, 401, JSON.stringify(body));
    },
  },
  {
    name: 'logs out; the session no longer works',
    async run({ page }) {
      await logOut(page);
      assert.equal(await meStatus(page), 401);
      // Signed-in screens now send the visitor to log in.
      await page.goto(`/w/${workspace.slug}/projects`);
      await page.waitForURL('**/login**');
    },
  },
  {
    name: 'logs back in and returns to the workspace',
    async run({ page }) {
      await logIn(page, account);
      await page.waitForURL(`**/w/${workspace.slug}/projects`);
      await projectRow(page).waitFor();
      assert.equal(await meStatus(page), 200);
    },
  },
  {
    name: 'deletes the project',
    async run({ page }) {
      await projectRow(page).getByRole('button', { name: 'Delete', exact: true }).click();
      await confirmAlert(page, 'Delete project');
      await projectRow(page).waitFor({ state: 'detached' });
      const { body } = await fromPage(page, `/api/v1/w/${workspace.slug}/projects`);
      const names = (body.items as Array<{ name: string }>).map((p) => p.name);
      assert.ok(!names.includes(project.name), `still listed: ${JSON.stringify(names)}`);
    },
  },
];
