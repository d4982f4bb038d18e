/**
 * The main path through the app in a real browser, against a real worker and database:
 * sign up, create a workspace, a team and an API key, use the key from outside the browser,
 * revoke it, log out and back in, delete the team. Steps share one page and run in order;
 * `e2e/run.ts` runs them (npm run test:e2e). Platform pages only: the sample product module's
 * path is its own scenario, in its feature folder.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  button,
  confirmEmail,
  createWorkspace,
  field,
  fromOutside,
  fromPage,
  logIn,
  logOut,
  meStatus,
  openFromNav,
  rowWith,
  signUp,
  type Step,
  waitForWorkspace,
} from './helpers.ts';

const run = randomBytes(4).toString('hex');
const account = {
  name: 'Grace Tester',
  email: `e2e-${run}@example.com`,
  password: `correct horse battery ${run}`,
};

const workspace = { name: `E2E Workspace ${run}`, slug: `e2e-${run}` };
const team = `Launch team ${run}`;
const keyName = `e2e key ${run}`;
let apiKey = '';

const teamNames = (body: any) => (body.items as Array<{ name: string }>).map((t) => t.name);

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
    name: 'creates a workspace and lands in it',
    async run({ page }) {
      await createWorkspace(page, workspace);
    },
  },
  {
    name: 'creates a team and sees it listed',
    async run({ page }) {
      await openFromNav(page, 'Teams', `/w/${workspace.slug}/teams`);
      await field(page, 'Team name').fill(team);
      await button(page, 'Create team').click();
      await rowWith(page, team).getByRole('link', { name: team, exact: true }).waitFor();
    },
  },
  {
    name: 'confirms the email address with the mailed link (API keys need it)',
    async run({ page, baseUrl }) {
      await confirmEmail(page, baseUrl, account.email);
      await page.goto(`/w/${workspace.slug}/teams`);
      await rowWith(page, team).waitFor();
    },
  },
  {
    name: 'creates an API key and shows it once',
    async run({ page }) {
      await openFromNav(page, 'API keys', `/w/${workspace.slug}/api-keys`);
      await field(page, 'Key name').fill(keyName);
      await button(page, 'Create API key').click();
      const box = page.getByTestId('new-api-key');
      await box.waitFor();
      apiKey = ((await box.textContent()) ?? '').trim();
      assert.ok(apiKey.length >= 20, `expected a key, got "${apiKey}"`);
      await rowWith(page, keyName).waitFor();
    },
  },
  {
    name: 'the API key lists the workspace’s teams from outside the browser',
    async run({ baseUrl }) {
      const { status, body } = await fromOutside(baseUrl, `/api/v1/w/${workspace.slug}/teams`, { bearer: apiKey });
      assert.equal(status, 200, JSON.stringify(body));
      assert.ok(teamNames(body).includes(team), `team missing from ${JSON.stringify(teamNames(body))}`);
    },
  },
  {
    name: 'a revoked API key is refused',
    async run({ page, baseUrl }) {
      await button(page, 'I have copied the key').click();
      await page.getByTestId('new-api-key').waitFor({ state: 'detached' });
      const row = rowWith(page, keyName);
      await row.getByRole('button', { name: 'Revoke', exact: true }).click();
      await row.waitFor({ state: 'detached' });
      const { status, body } = await fromOutside(baseUrl, `/api/v1/w/${workspace.slug}/teams`, { bearer: apiKey });
      assert.equal(status, 401, JSON.stringify(body));
    },
  },
  {
    name: 'logs out; the session no longer works',
    async run({ page }) {
      await logOut(page);
      assert.equal(await meStatus(page), 401);
      // Signed-in screens now send the visitor to log in.
      await page.goto(`/w/${workspace.slug}/teams`);
      await page.waitForURL('**/login**');
    },
  },
  {
    name: 'logs back in and returns to the workspace',
    async run({ page }) {
      await logIn(page, account);
      await waitForWorkspace(page, workspace.slug);
      assert.equal(await meStatus(page), 200);
    },
  },
  {
    name: 'deletes the team',
    async run({ page }) {
      await openFromNav(page, 'Teams', `/w/${workspace.slug}/teams`);
      await rowWith(page, team).getByRole('link', { name: team, exact: true }).click();
      await page.getByRole('heading', { name: team, exact: true }).waitFor();
      await button(page, 'Delete team').click();
      await page.waitForURL(`**/w/${workspace.slug}/teams`);
      await page.getByRole('heading', { name: 'No teams yet', exact: true }).waitFor();
      const { body } = await fromPage(page, `/api/v1/w/${workspace.slug}/teams`);
      assert.ok(!teamNames(body).includes(team), `still listed: ${JSON.stringify(teamNames(body))}`);
    },
  },
];
