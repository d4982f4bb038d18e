/**
 * Changing the account's email address and ending other sign-ins, in a real browser: a person
 * signs up and confirms the address, signs in from a second browser and revokes that session from
 * Settings → Sessions, sees a CLI's sign-in (POST /auth/token) in the same list and revokes it too,
 * then moves the account to a new address from the link mailed there and logs in with it (the old
 * address no longer works).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { confirmAlert, confirmEmail, fromOutside, fromPage, logIn, mailedLink, meStatus, signUp, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const password = `correct horse battery ${run}`;
const person = { name: 'Mona Mover', email: `e2e-mover-${run}@example.com` };
const newEmail = `e2e-moved-${run}@example.com`;

const sessionRows = (page: Page) => page.getByTestId('session-row');

let second: Page | undefined;

export const scenario: Step[] = [
  {
    name: 'a person signs up and confirms the address',
    async run({ page, baseUrl }) {
      await signUp(page, { ...person, password });
      await confirmEmail(page, baseUrl, person.email);
    },
  },
  {
    name: 'signs in from a second browser, sees two sessions and revokes the other one',
    async run({ page, secondBrowser }) {
      second = await secondBrowser('the second browser');
      await logIn(second, { email: person.email, password });
      await second.waitForURL((url) => !url.pathname.startsWith('/login'));
      assert.equal(await meStatus(second), 200);

      await page.goto('/settings/sessions');
      await sessionRows(page).nth(1).waitFor();
      assert.equal(await sessionRows(page).count(), 2);
      const other = sessionRows(page).filter({ hasNotText: 'This device' });
      await other.getByRole('button', { name: /^Revoke / }).click();
      await confirmAlert(page, 'Sign out');
      await other.waitFor({ state: 'detached' });
      assert.equal(await sessionRows(page).count(), 1);

      assert.equal(await meStatus(second), 401, 'the revoked browser is signed out');
      await second.reload();
      await second.waitForURL('**/login**');
      await second.context().close();
    },
  },
  {
    name: 'sees a CLI sign-in beside the browser session and revokes it: its tokens stop at once',
    async run({ page, baseUrl }) {
      const grant = await fromOutside(baseUrl, '/api/v1/auth/token', {
        method: 'POST',
        body: { grant_type: 'password', email: person.email, password, client_id: 'e2e-cli' },
      });
      assert.equal(grant.status, 200);
      assert.equal((await fromOutside(baseUrl, '/api/v1/me', { bearer: grant.body.access_token })).status, 200);

      await page.reload();
      const app = sessionRows(page).filter({ hasText: 'e2e-cli' });
      await app.waitFor();
      await app.getByText('CLI / app sign-in').waitFor();
      assert.equal(await sessionRows(page).count(), 2);
      await sessionRows(page).filter({ hasText: 'This device' }).getByText('Browser').waitFor();

      await app.getByRole('button', { name: 'Revoke e2e-cli' }).click();
      await confirmAlert(page, 'Revoke app sign-in');
      await app.waitFor({ state: 'detached' });
      assert.equal(await sessionRows(page).count(), 1);
      assert.equal((await fromOutside(baseUrl, '/api/v1/me', { bearer: grant.body.access_token })).status, 401, 'its access token stops');
      const refreshed = await fromOutside(baseUrl, '/api/v1/auth/token', {
        method: 'POST',
        body: { grant_type: 'refresh_token', refresh_token: grant.body.refresh_token },
      });
      assert.equal(refreshed.body.error.code, 'INVALID_GRANT', 'its refresh token stops');
    },
  },
  {
    name: 'asks to change the address from Settings → Password; nothing changes yet',
    async run({ page }) {
      await page.goto('/settings/password');
      const form = page.getByRole('form', { name: 'Change email address' });
      await form.getByText(person.email).waitFor();
      await form.getByLabel('New email address', { exact: true }).fill(newEmail);
      await form.getByLabel('Current password', { exact: true }).fill(password);
      await form.getByRole('button', { name: 'Change email', exact: true }).click();
      await page.getByText(`Check ${newEmail}`).waitFor();
      const me = (await fromPage(page, '/api/v1/me')).body as { user: { email: string } };
      assert.equal(me.user.email, person.email);
    },
  },
  {
    name: 'confirms from the link mailed to the new address and logs in with it',
    async run({ page, baseUrl }) {
      const link = await mailedLink(baseUrl, newEmail, 'email-change', /https?:\/\/\S+\/confirm-email-change#token=[A-Za-z0-9_-]{43}/);
      await page.goto(`${link.pathname}${link.hash}`);
      await page.getByText(`Your account now uses ${newEmail}`).waitFor();
      assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');

      await page.context().clearCookies();
      await logIn(page, { email: person.email, password });
      await page.getByRole('alert').waitFor();
      assert.ok(new URL(page.url()).pathname.startsWith('/login'), 'the old address no longer signs in');

      await logIn(page, { email: newEmail, password });
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      const me = (await fromPage(page, '/api/v1/me')).body as { user: { email: string } };
      assert.equal(me.user.email, newEmail);
    },
  },
];
