/**
 * Every way in through someone else, in a real browser with real redirects: sign up with Google at
 * the local stand-in's consent page, link and unlink GitHub from settings (the last way in cannot
 * be unlinked), set up a workspace's SSO against a real OpenID Provider (register the client for
 * the redirect URI the page shows, verify the domain through its DNS TXT record), then sign in
 * through that provider and join the workspace just in time; sign up with GitHub from the sign-up page.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  button,
  confirmAlert,
  createWorkspace,
  field,
  fromPage,
  identityFakes,
  logOut,
  saveSsoConnection,
  type Step,
  waitForWorkspace,
} from './helpers.ts';

const run = randomBytes(4).toString('hex');
const googleUser = { email: `gina-${run}@example.com`, name: 'Gina Google' };
const githubUser = { login: `octo-${run}`, email: `octo-${run}@example.com` };
const newcomer = { login: `newcomer-${run}`, email: `newcomer-${run}@example.com` };
const workspace = { name: `SSO Workspace ${run}`, slug: `sso-${run}` };
const domain = `corp-${run}.test`;
const ssoPerson = `ada@${domain}`;

/** Who the page is signed in as, or null. */
async function me(page: Page) {
  const res = await fromPage(page, '/api/v1/me');
  return res.status === 200
    ? (res.body as { user: { email: string }; memberships: Array<{ workspace: { slug: string }; role: string }> })
    : null;
}

export const scenario: Step[] = [
  {
    name: 'signs up with Google through the provider’s consent page',
    async run({ page }) {
      await page.goto('/login');
      await button(page, 'Continue with Google').click();
      await page.getByRole('heading', { name: 'Sign in with Google (local stand-in)', exact: true }).waitFor();
      await page.getByLabel('Email', { exact: true }).fill(googleUser.email);
      await page.getByLabel('Name', { exact: true }).fill(googleUser.name);
      await button(page, 'Continue').click();
      await page.waitForURL('**/workspaces/new');
      assert.equal((await me(page))?.user.email, googleUser.email);
    },
  },
  {
    name: 'links GitHub from settings and sees both providers',
    async run({ page }) {
      await page.goto('/settings/sign-in-methods');
      await page.getByTestId('identity-row').filter({ hasText: 'Google' }).waitFor();
      await button(page, 'Link GitHub').click();
      await page.getByRole('heading', { name: 'Authorize (GitHub local stand-in)', exact: true }).waitFor();
      await page.getByLabel('Username', { exact: true }).fill(githubUser.login);
      await page.getByLabel('Email', { exact: true }).fill(githubUser.email);
      await button(page, 'Continue').click();
      await page.waitForURL('**/settings/sign-in-methods');
      await page.getByTestId('identity-row').filter({ hasText: 'GitHub' }).waitFor();
      assert.equal(await page.getByTestId('identity-row').count(), 2);
    },
  },
  {
    name: 'unlinks GitHub, and is refused unlinking the last way to sign in',
    async run({ page }) {
      await button(page, 'Unlink GitHub').click();
      await confirmAlert(page, 'Unlink');
      await page.getByTestId('identity-row').filter({ hasText: 'GitHub' }).waitFor({ state: 'detached' });
      await button(page, 'Unlink Google').click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByRole('button', { name: 'Unlink', exact: true }).click();
      await dialog.getByRole('alert').filter({ hasText: 'only way to sign in' }).waitFor();
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('identity-row').count(), 1);
    },
  },
  {
    name: 'sets up single sign-on for a new workspace against a real OpenID Provider',
    async run({ page, baseUrl }) {
      const { idp, doh } = identityFakes(baseUrl);
      await page.goto('/workspaces/new');
      await createWorkspace(page, workspace);
      const redirectUri = await saveSsoConnection(page, idp, 'to-be-registered');
      assert.match(redirectUri, /\/api\/v1\/auth\/sso\/sso_[0-9a-z]{25}\/callback$/);

      // What an administrator does at their IdP: register this app for the redirect URI shown.
      const registered = await fetch(`${idp}/reg`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }),
      });
      const client = (await registered.json()) as { client_id: string; client_secret: string };
      await field(page, 'Client ID').fill(client.client_id);
      await field(page, 'Client secret').fill(client.client_secret);
      const saved = page.waitForResponse((r) => r.url().endsWith(`/w/${workspace.slug}/sso-connection`) && r.request().method() === 'PUT');
      await button(page, 'Save connection').click();
      assert.equal((await saved).status(), 200);

      await field(page, 'Domain').fill(domain);
      await button(page, 'Add domain').click();
      const row = page.getByTestId('sso-domain').filter({ hasText: domain });
      await row.locator('code').nth(1).waitFor();
      const [name, value] = await row.locator('code').allTextContents();
      // What they do at their DNS host: publish the TXT record.
      const published = await fetch(`${doh}/__records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, value }),
      });
      assert.equal(published.status, 204);
      await button(page, `Verify ${domain}`).click();
      await row.getByText('Verified', { exact: true }).waitFor();
    },
  },
  {
    name: 'signs in with SSO from the log-in page and joins the workspace just in time',
    async run({ page }) {
      await logOut(page);
      await field(page, 'Work email').fill(ssoPerson);
      await button(page, 'Sign in with SSO').click();
      await waitForWorkspace(page, workspace.slug);
      const person = await me(page);
      assert.equal(person?.user.email, ssoPerson);
      assert.deepEqual(
        person?.memberships.map((m) => [m.workspace.slug, m.role]),
        [[workspace.slug, 'member']],
      );
    },
  },
  {
    name: 'signs up with GitHub from the sign-up page, whose providers come before the form',
    async run({ page }) {
      await logOut(page);
      await page.goto('/signup');
      const github = button(page, 'Continue with GitHub');
      await github.waitFor();
      const [providerTop, formTop] = await Promise.all([github.boundingBox(), field(page, 'Name').boundingBox()]);
      assert.ok(providerTop && formTop && providerTop.y < formTop.y, 'the providers are offered above the form');
      await github.click();
      await page.getByRole('heading', { name: 'Authorize (GitHub local stand-in)', exact: true }).waitFor();
      await page.getByLabel('Username', { exact: true }).fill(newcomer.login);
      await page.getByLabel('Email', { exact: true }).fill(newcomer.email);
      await button(page, 'Continue').click();
      await page.waitForURL('**/workspaces/new');
      assert.equal((await me(page))?.user.email, newcomer.email);
    },
  },
];
