/**
 * The demo account that `npm run dev` and `npm run db:seed` create (scripts/seed-lib.ts), as the
 * README tells a newcomer to use it: it logs in, opens its workspace, and its address is already
 * verified, so the pages that ask for a verified address (API keys) work at once.
 */
import assert from 'node:assert/strict';
import { demo } from '../scripts/seed-lib.ts';
import { button, field, fromPage, logIn, logOut, openFromNav, rowWith, type Step, waitForWorkspace } from './helpers.ts';

const keyName = 'demo key';

export const scenario: Step[] = [
  {
    name: 'logs in with the README’s demo credentials and lands in the demo workspace',
    async run({ page }) {
      await logIn(page, demo);
      await waitForWorkspace(page, demo.workspaceSlug);
      const me = await fromPage(page, '/api/v1/me');
      assert.equal(me.body.user.email, demo.email);
      assert.equal(me.body.user.email_verified, true);
    },
  },
  {
    name: 'creates an API key at once: the address needs no confirming',
    async run({ page }) {
      await openFromNav(page, 'API keys', `/w/${demo.workspaceSlug}/api-keys`);
      await field(page, 'Key name').fill(keyName);
      await button(page, 'Create API key').click();
      await page.getByTestId('new-api-key').waitFor();
      await button(page, 'I have copied the key').click();
      await rowWith(page, keyName).getByRole('button', { name: 'Revoke', exact: true }).click();
      await rowWith(page, keyName).waitFor({ state: 'detached' });
      await logOut(page);
    },
  },
];
