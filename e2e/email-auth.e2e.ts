/**
 * Every way in by email, in a real browser against a real worker and database: sign-up sends a
 * verification link (and lets the person in at once), the banner resends it, an unverified person
 * is prompted before creating an API key, the link verifies; the password is changed in settings;
 * a magic link opens a confirm page that only a click turns into a session; a forgotten password
 * is reset by mail. Mail is read from the dev inbox.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { button, createWorkspace, field, logOut, mailedLink, meStatus, signUp, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const account = { name: 'Mina Mailer', email: `e2e-mail-${run}@example.com`, password: `correct horse battery ${run}` };
const changedPassword = `changed horse battery ${run}`;
const resetPassword = `reset horse battery ${run}`;
const workspace = { name: `Mail Workspace ${run}`, slug: `e2e-mail-${run}` };

/**
 * The path and fragment of the link in the newest `tag` mail to the account (the token rides in the
 * fragment), once `count` of them have arrived.
 */
async function linkFrom(baseUrl: string, tag: string, count = 1): Promise<string> {
  const link = await mailedLink(baseUrl, account.email, tag, /https?:\/\/\S+#token=[A-Za-z0-9_-]{43}/, count);
  return `${link.pathname}${link.hash}`;
}

export const scenario: Step[] = [
  {
    name: 'signs up and is let in at once, with a banner asking to confirm the address',
    async run({ page, baseUrl }) {
      await signUp(page, account);
      await page.getByTestId('verify-email-banner').waitFor();
      await linkFrom(baseUrl, 'verify-email');
    },
  },
  {
    name: 'an unverified person is prompted to confirm before creating an API key',
    async run({ page }) {
      await createWorkspace(page, workspace);
      await page.getByRole('link', { name: 'API keys', exact: true }).click();
      await field(page, 'Key name').fill('blocked key');
      await button(page, 'Create API key').click();
      await page.getByText('Confirm your email address first').waitFor();
    },
  },
  {
    name: 'resends the link with one click and verifies the address with it',
    async run({ page, baseUrl }) {
      await page.getByTestId('verify-email-banner').getByRole('button', { name: 'Resend the link' }).click();
      await page.getByText('A new link is on its way.').first().waitFor();
      const link = await linkFrom(baseUrl, 'verify-email', 2);
      await page.goto(link);
      await page.getByText(`Thank you: ${account.email} is verified.`).waitFor();
      assert.ok(!page.url().includes('token'), 'the token stays in the address bar');
      await page.goto(`/w/${workspace.slug}/api-keys`);
      await field(page, 'Key name').waitFor();
      assert.equal(await page.getByTestId('verify-email-banner').count(), 0);
      await field(page, 'Key name').fill('verified key');
      await button(page, 'Create API key').click();
      await page.getByTestId('new-api-key').waitFor();
    },
  },
  {
    name: 'changes the password in settings',
    async run({ page }) {
      await page.goto('/settings/password');
      const form = page.getByRole('form', { name: 'Change password' });
      await form.getByLabel('Current password', { exact: true }).fill(account.password);
      await form.getByLabel('New password', { exact: true }).fill(changedPassword);
      await button(page, 'Change password').click();
      await page.getByText('Password changed.').waitFor();
      assert.equal(await meStatus(page), 200);
    },
  },
  {
    name: 'a magic link opens a confirm page with no Referer policy, and only the click signs in',
    async run({ page, baseUrl }) {
      await logOut(page);
      await page.getByRole('link', { name: 'Email me a sign-in link' }).click();
      // The log-in page stays on screen while the next page's code loads, with an Email field of its own.
      await page.getByRole('heading', { name: 'Sign in with a link', exact: true }).waitFor();
      await field(page, 'Email').fill(account.email);
      await button(page, 'Email me a sign-in link').click();
      await page.getByText('we sent an email').waitFor();
      const link = await linkFrom(baseUrl, 'magic-link');

      // A mail scanner fetching the link gets the page and nothing else.
      const prefetch = await fetch(`${baseUrl}${link}`, { signal: AbortSignal.timeout(10_000) });
      assert.equal(prefetch.status, 200);
      assert.equal(prefetch.headers.get('referrer-policy'), 'no-referrer');

      const response = await page.goto(link);
      assert.equal(response?.headers()['referrer-policy'], 'no-referrer');
      await button(page, 'Sign in').waitFor();
      assert.equal(await meStatus(page), 401);
      await button(page, 'Sign in').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/magic-link'));
      assert.equal(await meStatus(page), 200);
    },
  },
  {
    name: 'a used magic link does not sign in again',
    async run({ page, baseUrl }) {
      const link = await linkFrom(baseUrl, 'magic-link');
      await logOut(page);
      await page.goto(link);
      await button(page, 'Sign in').click();
      await page.getByText('This sign-in link is invalid, used or expired').waitFor();
      assert.equal(await meStatus(page), 401);
    },
  },
  {
    name: 'resets a forgotten password by mail and logs in with the new one',
    async run({ page, baseUrl }) {
      await page.goto('/login');
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      // The log-in form has an Email field too: fill only once the reset form has replaced it.
      await button(page, 'Email me a reset link').waitFor();
      await field(page, 'Email').fill(account.email);
      await button(page, 'Email me a reset link').click();
      await page.getByText('we sent an email').waitFor();
      const link = await linkFrom(baseUrl, 'password-reset');
      const response = await page.goto(link);
      assert.equal(response?.headers()['referrer-policy'], 'no-referrer');
      await field(page, 'New password').fill(resetPassword);
      await button(page, 'Set new password').click();
      await page.getByText('Your password is changed').waitFor();

      await page.getByRole('link', { name: 'Log in' }).click();
      await field(page, 'Email').fill(account.email);
      await field(page, 'Password').fill(changedPassword);
      await button(page, 'Log in').click();
      await page.getByText('Email or password is incorrect').waitFor();
      await field(page, 'Password').fill(resetPassword);
      await button(page, 'Log in').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      assert.equal(await meStatus(page), 200);
    },
  },
];
