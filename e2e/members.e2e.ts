/**
 * Workspaces with more than one person, in a real browser: an owner invites by email, an invitee
 * signs up from the link and joins, a person signed in with another address is refused, roles
 * change, teams are made and filled, a member is removed and ownership is handed over.
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
  type Step,
  submitSignUpForm,
  waitForWorkspace,
} from './helpers.ts';

const run = randomBytes(4).toString('hex');
const password = `correct horse battery ${run}`;
const owner = { name: 'Olga Owner', email: `e2e-owner-${run}@example.com` };
const ana = { name: 'Ana Invitee', email: `e2e-ana-${run}@example.com` };
const dev = { name: 'Dev Second', email: `e2e-dev-${run}@example.com` };
const withdrawn = `e2e-withdrawn-${run}@example.com`;
const workspace = { name: `Members ${run}`, slug: `members-${run}` };
const links: Record<string, string> = {};

const memberRow = (page: Page, text: string) => page.getByTestId('member-row').filter({ hasText: text });
const inviteRow = (page: Page, text: string) => page.getByTestId('invite-row').filter({ hasText: text });

/** The invitation link of the newest invitation mail to `to`, once `count` have arrived, as a person would click it. */
async function inviteLink(baseUrl: string, to: string, count = 1): Promise<string> {
  return (await mailedLink(baseUrl, to, 'invite', /https?:\/\/\S+\/invites\/[A-Za-z0-9_-]{43}/, count)).pathname;
}

/** Waits until the API reports `role` for `email` in the workspace. */
async function waitForRole(page: Page, email: string, role: string) {
  await page.waitForFunction(
    async ([slug, who, expected]) => {
      const res = await fetch(`/api/v1/w/${slug}/members`, { credentials: 'same-origin' });
      const body = (await res.json()) as { items: Array<{ user: { email: string }; role: string }> };
      return body.items.find((m) => m.user.email === who)?.role === expected;
    },
    [workspace.slug, email, role] as const,
  );
}

async function invite(page: Page, email: string, role: string) {
  await field(page, 'Email address').fill(email);
  await field(page, 'Invite as').selectOption(role);
  await button(page, 'Send invitation').click();
  await inviteRow(page, email).waitFor();
}

async function signUpFromInvitation(page: Page, link: string, person: { name: string; email: string }) {
  await page.goto(link);
  await page.getByText(`Sign up or log in as ${person.email} to accept it.`).waitFor();
  await page.getByRole('link', { name: 'Sign up', exact: true }).click();
  await submitSignUpForm(page, { ...person, password });
  await page.waitForURL(`**${link}`);
  await button(page, `Join ${workspace.name}`).click();
  await waitForWorkspace(page, workspace.slug);
}

export const scenario: Step[] = [
  {
    name: 'an owner signs up, confirms the address, creates a workspace and opens its members',
    async run({ page, baseUrl }) {
      await signUp(page, { ...owner, password });
      // Inviting needs a verified address.
      await confirmEmail(page, baseUrl, owner.email);
      await page.goto('/workspaces/new');
      await createWorkspace(page, workspace);
      await page.getByRole('link', { name: 'Members', exact: true }).click();
      await page.waitForURL(`**/w/${workspace.slug}/members`);
      await memberRow(page, owner.email).waitFor();
      assert.equal(await memberRow(page, owner.email).getByRole('combobox').inputValue(), 'owner');
      await page.getByRole('heading', { name: 'No pending invitations', exact: true }).waitFor();
    },
  },
  {
    name: 'invites by email, resends one invitation and revokes another',
    async run({ page, baseUrl }) {
      await invite(page, ana.email, 'member');
      await invite(page, dev.email, 'viewer');
      await invite(page, withdrawn, 'admin');
      const first = await inviteLink(baseUrl, ana.email);
      await inviteRow(page, ana.email).getByRole('button', { name: 'Resend' }).click();
      await page.getByText(`Invitation sent again to ${ana.email}`).waitFor();
      links.ana = await inviteLink(baseUrl, ana.email, 2);
      links.beforeResend = first;
      assert.notEqual(links.ana, first, 'a resent invitation carries a new link');
      links.dev = await inviteLink(baseUrl, dev.email);
      links.withdrawn = await inviteLink(baseUrl, withdrawn);
      await inviteRow(page, withdrawn).getByRole('button', { name: 'Revoke' }).click();
      await inviteRow(page, withdrawn).waitFor({ state: 'detached' });
      const res = await fromPage(page, `/api/v1/w/${workspace.slug}/invites`);
      assert.deepEqual(res.body.items.map((i: { email: string }) => i.email).sort(), [ana.email, dev.email].sort());
    },
  },
  {
    name: 'creates a team and renames it',
    async run({ page }) {
      await page.getByRole('link', { name: 'Teams', exact: true }).click();
      await page.getByText('No teams yet').waitFor();
      await field(page, 'Team name').fill('Design');
      await button(page, 'Create team').click();
      await page.getByTestId('team-row').filter({ hasText: 'Design' }).getByRole('link', { name: 'Design' }).click();
      await page.getByRole('heading', { name: 'Design', exact: true }).waitFor();
      await field(page, 'Team name').fill('Product design');
      await button(page, 'Rename').click();
      await page.getByRole('heading', { name: 'Product design', exact: true }).waitFor();
      await logOut(page);
    },
  },
  {
    name: 'the first invitee signs up from the link and joins with the invited role',
    async run({ page }) {
      // The link as it was before the resend no longer opens anything.
      await page.goto(links.beforeResend as string);
      await page.getByText('This invitation link is not valid.', { exact: false }).waitFor();
      await signUpFromInvitation(page, links.ana as string, ana);
      const me = await fromPage(page, '/api/v1/me');
      const joined = me.body.memberships.find((m: { workspace: { slug: string } }) => m.workspace.slug === workspace.slug);
      assert.equal(joined?.role, 'member');
      // Used once; a second visit says so.
      await page.goto(links.ana as string);
      await page.getByText('This invitation has already been used.').waitFor();
      // A withdrawn link says so too.
      await page.goto(links.withdrawn as string);
      await page.getByText('This invitation was withdrawn.').waitFor();
    },
  },
  {
    name: 'someone signed in with another address is refused, then the right person joins',
    async run({ page }) {
      await page.goto(links.dev as string);
      await page.getByText(`You are signed in as ${ana.email}, but this invitation is for ${dev.email}.`, { exact: false }).waitFor();
      assert.equal(await button(page, `Join ${workspace.name}`).count(), 0);
      const refused = await fromPage(page, `/api/v1${links.dev}/accept`, { method: 'POST' });
      assert.equal(refused.status, 403);
      // Logging out here keeps the invitation page open, now asking to sign up or log in.
      await button(page, 'Log out').click();
      await signUpFromInvitation(page, links.dev as string, dev);
      await logOut(page);
    },
  },
  {
    name: 'the owner changes a role, fills the team, removes a member',
    async run({ page }) {
      await logIn(page, { email: owner.email, password });
      await page.waitForURL('**/w/**');
      await page.goto(`/w/${workspace.slug}/members`);
      await memberRow(page, ana.email).getByRole('combobox').selectOption('admin');
      await waitForRole(page, ana.email, 'admin');

      await page.getByRole('link', { name: 'Teams', exact: true }).click();
      await page.getByRole('link', { name: 'Product design' }).click();
      await field(page, 'Member').selectOption({ label: `${ana.name} (${ana.email})` });
      await button(page, 'Add to team').click();
      await page.getByTestId('team-member-row').filter({ hasText: ana.email }).waitFor();
      await field(page, 'Member').selectOption({ label: `${dev.name} (${dev.email})` });
      await button(page, 'Add to team').click();
      await page.getByTestId('team-member-row').filter({ hasText: dev.email }).waitFor();
      await page.getByRole('button', { name: `Remove ${ana.name} from the team` }).click();
      await page.getByTestId('team-member-row').filter({ hasText: ana.email }).waitFor({ state: 'detached' });

      await page.getByRole('link', { name: 'Members', exact: true }).click();
      await memberRow(page, dev.email).getByRole('button', { name: 'Remove' }).click();
      await memberRow(page, dev.email).waitFor({ state: 'detached' });
      const teams = await fromPage(page, `/api/v1/w/${workspace.slug}/teams`);
      assert.equal(teams.body.items[0].member_count, 0, 'a removed member leaves their teams');
    },
  },
  {
    name: 'the owner deletes the team and hands ownership over',
    async run({ page }) {
      await page.getByRole('link', { name: 'Teams', exact: true }).click();
      await page.getByRole('link', { name: 'Product design' }).click();
      await button(page, 'Delete team').click();
      await page.getByText('No teams yet').waitFor();

      await page.getByRole('link', { name: 'Members', exact: true }).click();
      page.once('dialog', (dialog) => void dialog.accept());
      await memberRow(page, ana.email).getByRole('button', { name: 'Transfer ownership' }).click();
      await waitForRole(page, owner.email, 'admin');
      const members = await fromPage(page, `/api/v1/w/${workspace.slug}/members`);
      const roles = Object.fromEntries(members.body.items.map((m: { user: { email: string }; role: string }) => [m.user.email, m.role]));
      assert.deepEqual(roles, { [owner.email]: 'admin', [ana.email]: 'owner' });
      // As an admin now, the former owner can no longer touch the owner's row.
      // The page learns the new role from its own refetch of /me, which may land after the API answers.
      await memberRow(page, ana.email).getByRole('combobox').waitFor({ state: 'detached' });
    },
  },
];
