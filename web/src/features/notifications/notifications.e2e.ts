/**
 * The notification inbox in a real browser, against a real worker, queue and database: an admin
 * sees, in the bell, that someone was invited to their workspace (the event went through the outbox
 * and the notifications consumer), opens the list and marks everything read; then turns the email
 * of one kind off and another's digest to hourly in the account settings, each saved as it changes,
 * which the API reports back. `e2e/run.ts` finds it here.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  button,
  confirmEmail,
  createWorkspace,
  field,
  fromPage,
  logIn,
  logOut,
  mailedLink,
  signUp,
  submitSignUpForm,
  type Step,
  waitForWorkspace,
} from '../../../../e2e/helpers.ts';

const run = randomBytes(4).toString('hex');
const password = `notify horse battery ${run}`;
const owner = { name: 'Nora Owner', email: `notify-owner-${run}@example.com`, password };
const admin = { name: 'Ada Admin', email: `notify-admin-${run}@example.com`, password };
const newcomer = `notify-new-${run}@example.com`;
const workspace = { name: `Bells ${run}`, slug: `bells-${run}` };

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });

async function invite(page: Page, email: string, role: 'admin' | 'member') {
  const res = await fromPage(page, `/api/v1/w/${workspace.slug}/invites`, { method: 'POST', body: { email, role } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

export const scenario: Step[] = [
  {
    name: 'an owner creates a workspace and an admin joins it from an invitation',
    async run({ page, baseUrl }) {
      await signUp(page, owner);
      await confirmEmail(page, baseUrl, owner.email);
      await page.goto('/workspaces/new');
      await createWorkspace(page, workspace);
      await invite(page, admin.email, 'admin');
      const link = (await mailedLink(baseUrl, admin.email, 'invite', /https?:\/\/\S+\/invites\/[A-Za-z0-9_-]{43}/)).pathname;
      await logOut(page);
      await page.goto(link);
      await page.getByRole('link', { name: 'Sign up', exact: true }).click();
      await submitSignUpForm(page, admin);
      await page.waitForURL(`**${link}`);
      await button(page, `Join ${workspace.name}`).click();
      await waitForWorkspace(page, workspace.slug);
      await logOut(page);
    },
  },
  {
    name: 'someone is invited, and the admin sees it in the bell, opens it and marks all read',
    async run({ page }) {
      await logIn(page, owner);
      await waitForWorkspace(page, workspace.slug);
      await invite(page, newcomer, 'member');
      await logOut(page);

      await logIn(page, admin);
      await waitForWorkspace(page, workspace.slug);
      // The consumer runs after the invitation's commit; the bell's count follows on its next fetch.
      const count = page.getByTestId('notification-count');
      for (let i = 0; ; i++) {
        const shown = await count.waitFor({ timeout: 2000 }).then(
          () => true,
          () => false,
        );
        if (shown) break;
        assert.ok(i < 10, 'the bell shows no unread notification');
        await page.reload();
      }
      await bell(page).click();
      const item = page.getByRole('menuitem').filter({ hasText: `${newcomer} was invited to ${workspace.name} as member` });
      await item.waitFor();
      await button(page, 'Mark all read').click();
      await page.getByTestId('notification-count').waitFor({ state: 'detached' });
      await page.keyboard.press('Escape');
      const unread = await fromPage(page, `/api/v1/w/${workspace.slug}/notifications/unread-count`);
      assert.deepEqual(unread.body, { unread: 0 });
    },
  },
  {
    name: 'turns the email of one kind off in the account settings; security email cannot be',
    async run({ page }) {
      await page.goto('/settings/account');
      const joined = page.getByTestId('notification-preference').filter({ hasText: 'Someone joined the workspace' });
      const email = joined.getByRole('group', { name: 'Someone joined the workspace: Email' });
      // A preference is saved as soon as it changes: there is no Save button to press.
      await email.getByRole('checkbox', { name: 'Email', exact: true }).uncheck();
      await page.getByText('Notification preference saved.').waitFor();
      assert.equal(await joined.getByRole('button', { name: 'Save', exact: true }).count(), 0);
      const prefs = await fromPage(page, `/api/v1/w/${workspace.slug}/notification-preferences`);
      const byKind = (kind: string) => prefs.body.items.find((p: { kind: string }) => p.kind === kind);
      assert.equal(byKind('member.joined').email.enabled, false);
      assert.equal(byKind('member.joined').in_app.enabled, true);
      const invited = page.getByTestId('notification-preference').filter({ hasText: 'Someone was invited to the workspace' });
      await invited.getByRole('combobox', { name: 'Email digest' }).selectOption('hourly');
      // Saved without a button: the API reports the new digest within a few seconds.
      let invitedEmail: { enabled: boolean; digest: string } | undefined;
      for (let attempt = 0; attempt < 50 && invitedEmail?.digest !== 'hourly'; attempt++) {
        if (attempt > 0) await page.waitForTimeout(100);
        const after = await fromPage(page, `/api/v1/w/${workspace.slug}/notification-preferences`);
        invitedEmail = after.body.items.find((p: { summary: string }) => p.summary === 'Someone was invited to the workspace').email;
      }
      assert.deepEqual([invitedEmail?.enabled, invitedEmail?.digest], [true, 'hourly']);
      const security = page.getByRole('group', { name: 'Your role in the workspace changed: Email' });
      assert.equal(await security.getByRole('checkbox', { name: 'Email', exact: true }).isDisabled(), true);
      await security.getByText('Always sent').waitFor();
      await field(page, 'Name').waitFor();
    },
  },
];
