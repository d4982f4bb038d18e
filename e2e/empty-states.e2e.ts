/**
 * Every list a new person meets is empty, and each says so the same way: a title, one sentence of
 * context and one primary action that really does what it says (puts the cursor in the create
 * form's first field, shows the whole list again, starts an export). The sign-in methods of a
 * person who linked no provider offer each provider, as not linked, with a Link that opens its page.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { button, type E2EContext, field, identityFakes, saveSsoConnection, signUp, type Step, waitForWorkspace } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const account = { name: 'Erin Empty', email: `empty-${run}@example.com`, password: `empty lists everywhere ${run}` };
const workspace = { name: `Empty Workspace ${run}`, slug: `empty-${run}` };

/** The empty state titled `title`, once its sentence is `sentence` and it offers exactly one action. */
async function emptyState(page: Page, title: string, sentence: string): Promise<Locator> {
  const box = page.getByTestId('empty-state').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  await box.waitFor();
  assert.equal((await box.locator('p').allTextContents()).join(' | '), sentence);
  assert.equal(await box.locator('button, a').count(), 1, `"${title}" offers one action`);
  return box;
}

/** `target`, only while it has the keyboard focus. */
const focused = (page: Page, target: Locator) => target.and(page.locator(':focus'));

/** Clicks the empty state's action and waits until the field labelled `label` has the focus. */
async function actionFocuses(page: Page, box: Locator, action: string, label: string): Promise<void> {
  const target = field(page, label);
  await target.waitFor();
  assert.equal(await focused(page, target).count(), 0, `${label} is focused before the click`);
  await box.getByRole('button', { name: action, exact: true }).click();
  await focused(page, target).waitFor();
}

/** A list that opens empty and whose one action puts the cursor in the field labelled `label`. */
interface FocusCase {
  /** The step's name in the report. */
  name: string;
  /** Gets the page to the empty list. */
  open(context: E2EContext): Promise<void>;
  title: string;
  sentence: string;
  action: string;
  label: string;
}

/** Opens a workspace page by its navigation link. */
const viaLink =
  (link: string, path: string) =>
  async ({ page }: E2EContext) => {
    await page.getByRole('link', { name: link, exact: true }).click();
    await page.waitForURL(`**/w/${workspace.slug}/${path}`);
  };

/** Opens a page by its address. */
const viaAddress =
  (path: string) =>
  async ({ page }: E2EContext) => {
    await page.goto(path);
  };

const focusCases: FocusCase[] = [
  {
    name: 'no pending invitations: the action focuses the invitation’s email address',
    open: viaLink('Members', 'members'),
    title: 'No pending invitations',
    sentence: 'People you invite by email are listed here until they accept.',
    action: 'Invite someone',
    label: 'Email address',
  },
  {
    name: 'no API keys: the action focuses the key name',
    open: viaLink('API keys', 'api-keys'),
    title: 'No API keys yet',
    sentence: 'Scripts and servers use an API key to call this workspace’s API without anyone signing in.',
    action: 'Create your first API key',
    label: 'Key name',
  },
  {
    name: 'a single sign-on connection with no domains: the action focuses the domain',
    async open({ page, baseUrl }) {
      const { idp } = identityFakes(baseUrl);
      await saveSsoConnection(page, idp, 'not-registered-yet');
    },
    title: 'No domains yet',
    sentence: 'People with an email address in a verified domain sign in here through your identity provider.',
    action: 'Add your first domain',
    label: 'Domain',
  },
  {
    name: 'no personal access tokens: the action focuses the token name',
    open: viaAddress('/settings/tokens'),
    title: 'No personal access tokens yet',
    sentence: 'Scripts and tools use a token to call the API as you, with only the access you give it.',
    action: 'Create your first token',
    label: 'Token name',
  },
  {
    name: 'no passkeys: the action focuses the new passkey’s name',
    open: viaAddress('/settings/security#passkeys'),
    title: 'No passkeys yet',
    sentence: 'Add one to sign in on this device without typing a password.',
    action: 'Add your first passkey',
    label: 'New passkey name',
  },
];

/** Opens the case's page, checks its empty state and that the action focuses the field. */
const focusStep = ({ name, open, title, sentence, action, label }: FocusCase): Step => ({
  name,
  async run(context) {
    await open(context);
    const box = await emptyState(context.page, title, sentence);
    await actionFocuses(context.page, box, action, label);
  },
});

export const scenario: Step[] = [
  {
    name: 'a new person has no workspace; the action puts the cursor in the workspace name',
    async run({ page }) {
      await signUp(page, account);
      const box = await emptyState(
        page,
        'No workspace yet',
        'A workspace holds your team’s work, members and API keys; you can create more later.',
      );
      await actionFocuses(page, box, 'Create your first workspace', 'Workspace name');
      await page.keyboard.type(workspace.name);
      await field(page, 'Slug').fill(workspace.slug);
      await button(page, 'Create workspace').click();
      await waitForWorkspace(page, workspace.slug);
    },
  },
  {
    name: 'no teams, then a team with nobody in it: each action focuses the field that fills it',
    async run({ page }) {
      await page.getByRole('link', { name: 'Teams', exact: true }).click();
      await page.waitForURL(`**/w/${workspace.slug}/teams`);
      const teams = await emptyState(page, 'No teams yet', 'Teams group members of this workspace, such as Design or Support.');
      await actionFocuses(page, teams, 'Create your first team', 'Team name');
      await page.keyboard.type('Design');
      await button(page, 'Create team').click();
      await page.getByTestId('team-row').getByRole('link', { name: 'Design', exact: true }).click();
      await page.getByRole('heading', { name: 'Design', exact: true }).waitFor();
      const members = await emptyState(
        page,
        'Nobody in this team yet',
        'Add members of this workspace to the team to group them under its name.',
      );
      await actionFocuses(page, members, 'Add the first member', 'Member');
    },
  },
  ...focusCases.map(focusStep),
  {
    name: 'no data exports: the action starts one',
    async run({ page }) {
      await page.goto('/settings/account');
      const box = await emptyState(
        page,
        'No exports yet',
        'An export gathers your profile, memberships, activity and what you created in your workspaces into one JSON file.',
      );
      assert.equal(await page.getByTestId('export-row').count(), 0);
      await box.getByRole('button', { name: 'Export my data', exact: true }).click();
      await page.getByTestId('export-row').waitFor();
      await box.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'no linked provider: each provider is offered once, as not linked, and its Link opens that provider’s sign-in page',
    async run({ page }) {
      await page.goto('/settings/sign-in-methods');
      const action = page.getByRole('button', { name: /^Link / }).first();
      await action.waitFor();
      assert.equal(await page.getByTestId('identity-row').count(), 0);
      const provider = /^Link (.+)$/.exec(((await action.textContent()) ?? '').trim())?.[1];
      assert.ok(provider, 'the action names a provider');
      assert.equal(await page.getByRole('button', { name: `Link ${provider}`, exact: true }).count(), 1);
      const linkButtons = await page.getByRole('button', { name: /^Link / }).count();
      assert.equal(
        await page.getByText('Not linked', { exact: true }).count(),
        linkButtons,
        'every provider on offer says it is not linked',
      );
      await action.click();
      await page.getByRole('heading', { name: new RegExp(`${provider}.*local stand-in`) }).waitFor();
    },
  },
];
