/**
 * Personal access tokens in a real browser: sign up, create a read-only token under settings, see
 * it once, use it from outside the browser (it reads as the person and cannot write), revoke it
 * and see it stop. Then the CLI's way in: the token endpoint's password grant and refresh.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { button, confirmAlert, field, fromOutside, openAccountSettings, signUp, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const account = { name: 'Tess Tokens', email: `e2e-tokens-${run}@example.com`, password: `correct horse battery ${run}` };
const tokenName = `laptop ${run}`;
let token = '';

const tokenRow = (page: Page) => page.getByTestId('access-token-row').filter({ hasText: tokenName });

export const scenario: Step[] = [
  {
    name: 'signs up and opens the tokens page from the account menu',
    async run({ page }) {
      await signUp(page, account);
      await openAccountSettings(page, 'Access tokens');
      await page.waitForURL('**/settings/tokens');
      await page.getByRole('heading', { name: 'Personal access tokens', exact: true }).waitFor();
      await page.getByRole('heading', { name: 'No personal access tokens yet', exact: true }).waitFor();
    },
  },
  {
    name: 'creates a read-only token and is shown it once',
    async run({ page }) {
      await field(page, 'Token name').fill(tokenName);
      await field(page, 'Access').selectOption('read');
      await field(page, 'Expires in').selectOption('90');
      await button(page, 'Create token').click();
      token = (await page.getByTestId('new-access-token').textContent())?.trim() ?? '';
      assert.match(token, /^pat_r_[A-Za-z0-9_-]{43}$/);
      await tokenRow(page).waitFor();
      assert.match((await tokenRow(page).textContent()) ?? '', /Read only/);
      assert.match((await tokenRow(page).textContent()) ?? '', new RegExp(token.slice(0, 10)));
      await button(page, 'I have copied the token').click();
      await page.getByTestId('new-access-token').waitFor({ state: 'detached' });
      await page.reload();
      await tokenRow(page).waitFor();
      assert.ok(!(await page.content()).includes(token), 'the full token must not be shown again');
    },
  },
  {
    name: 'the token reads as the person from outside the browser, and cannot write',
    async run({ baseUrl, page }) {
      const me = await fromOutside(baseUrl, '/api/v1/me', { bearer: token });
      assert.equal(me.status, 200);
      assert.equal(me.body.user.email, account.email);
      const write = await fromOutside(baseUrl, '/api/v1/workspaces', {
        method: 'POST',
        bearer: token,
        body: { name: 'Nope', slug: `nope-${run}` },
      });
      assert.equal(write.status, 403);
      assert.equal(write.body.error.code, 'INSUFFICIENT_SCOPE');
      await page.reload();
      await tokenRow(page).waitFor();
      assert.doesNotMatch((await tokenRow(page).textContent()) ?? '', /Never/);
    },
  },
  {
    name: 'revokes the token and it stops working at once',
    async run({ baseUrl, page }) {
      await page.getByRole('button', { name: `Revoke ${tokenName}` }).click();
      await confirmAlert(page, 'Revoke token');
      await tokenRow(page).waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: 'No personal access tokens yet', exact: true }).waitFor();
      const me = await fromOutside(baseUrl, '/api/v1/me', { bearer: token });
      assert.equal(me.status, 401);
    },
  },
  {
    name: 'a CLI signs in through the token endpoint and refreshes',
    async run({ baseUrl }) {
      const grant = await fromOutside(baseUrl, '/api/v1/auth/token', {
        method: 'POST',
        body: { grant_type: 'password', email: account.email, password: account.password },
      });
      assert.equal(grant.status, 200);
      assert.equal(grant.body.token_type, 'Bearer');
      const me = await fromOutside(baseUrl, '/api/v1/me', { bearer: grant.body.access_token });
      assert.equal(me.status, 200);
      const refreshed = await fromOutside(baseUrl, '/api/v1/auth/token', {
        method: 'POST',
        body: { grant_type: 'refresh_token', refresh_token: grant.body.refresh_token },
      });
      assert.equal(refreshed.status, 200);
      const reused = await fromOutside(baseUrl, '/api/v1/auth/token', {
        method: 'POST',
        body: { grant_type: 'refresh_token', refresh_token: grant.body.refresh_token },
      });
      assert.equal(reused.body.error.code, 'INVALID_GRANT');
      const afterReuse = await fromOutside(baseUrl, '/api/v1/me', { bearer: refreshed.body.access_token });
      assert.equal(afterReuse.status, 401);
      const jwks = await fromOutside(baseUrl, '/.well-known/jwks.json');
      assert.equal(jwks.status, 200);
      assert.equal(jwks.body.keys.length, 1);
    },
  },
];
