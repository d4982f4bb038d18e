/**
 * Workspaces over their life, in a real browser: one person in two workspaces switches between
 * them and never sees one's data in the other; renames a workspace (the old address still leads to
 * it); sees a suspended workspace read-only; deletes a workspace and restores it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { button, createWorkspace, field, fromPage, openFromNav, rowWith, signUp, type Step, waitForWorkspace } from './helpers.ts';
import { setContextText } from '../worker/db/context.ts';

const run = randomBytes(4).toString('hex');
const account = { name: 'Lena Lifecycle', email: `e2e-lifecycle-${run}@example.com`, password: `lifecycle horse ${run}` };
const alpha = {
  name: `Alpha ${run}`,
  slug: `alpha-${run}`,
  team: `Alpha secret ${run}`,
  renamed: `Alpha Renamed ${run}`,
  newSlug: `alpha-${run}-2`,
};
const beta = { name: `Beta ${run}`, slug: `beta-${run}`, team: `Beta secret ${run}` };

const switcher = (page: Page) => page.getByLabel('Workspace', { exact: true });

/** The database of the stack under test (e2e/run.ts): its PGlite, or TEST_DATABASE_URL. */
function databaseUrl(): string {
  return process.env.TEST_DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PGLITE_PORT ?? 5591}/postgres`;
}

/** Suspends or lifts a suspension as billing or an operator will: a write to the workspace row. */
async function setSuspended(slug: string, suspended: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query('begin');
    // Forced RLS: even the owner connection sees a workspace only through a policy, here the
    // member's own (app.user_id), then writes it with its id as the workspace context.
    const userId = (await client.query('select id from "user" where email = $1', [account.email])).rows[0]?.id as string | undefined;
    assert.ok(userId, `no account ${account.email}`);
    await client.query(setContextText('user_id'), [userId]);
    const id = (await client.query('select id from workspace where slug = $1 and deleted_at is null', [slug])).rows[0]?.id as
      | string
      | undefined;
    assert.ok(id, `workspace ${slug} not found`);
    await client.query(setContextText('workspace_id'), [id]);
    await client.query(`update workspace set suspended_at = ${suspended ? 'now()' : 'null'} where id = $1`, [id]);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

/** Creates a team on the workspace's Teams page. */
async function createTeam(page: Page, slug: string, name: string) {
  await openFromNav(page, 'Teams', `/w/${slug}/teams`);
  await field(page, 'Team name').fill(name);
  await button(page, 'Create team').click();
  await rowWith(page, name).waitFor();
}

/** Opens the workspace's Teams page and asserts it shows its team and nothing of the other's. */
async function showsOnly(page: Page, slug: string, mine: string, theirs: string) {
  await openFromNav(page, 'Teams', `/w/${slug}/teams`);
  await rowWith(page, mine).waitFor();
  const text = (await page.locator('main').textContent()) ?? '';
  assert.ok(!text.includes(theirs), `"${theirs}" leaked into the page: ${text}`);
}

export const scenario: Step[] = [
  {
    name: 'signs up and creates two workspaces, each with its own team',
    async run({ page }) {
      await signUp(page, account);
      await createWorkspace(page, alpha);
      await createTeam(page, alpha.slug, alpha.team);
      await page.getByRole('link', { name: 'New workspace', exact: true }).click();
      await page.waitForURL('**/workspaces/new');
      await createWorkspace(page, beta);
      await createTeam(page, beta.slug, beta.team);
    },
  },
  {
    name: 'switches between the workspaces and never sees one’s data in the other, in the UI or the API',
    async run({ page }) {
      await switcher(page).selectOption({ label: `${alpha.name} (owner)` });
      await waitForWorkspace(page, alpha.slug);
      await showsOnly(page, alpha.slug, alpha.team, beta.team);
      await switcher(page).selectOption({ label: `${beta.name} (owner)` });
      await waitForWorkspace(page, beta.slug);
      await showsOnly(page, beta.slug, beta.team, alpha.team);
      await switcher(page).selectOption({ label: `${alpha.name} (owner)` });
      await waitForWorkspace(page, alpha.slug);
      await showsOnly(page, alpha.slug, alpha.team, beta.team);

      const names = async (slug: string) =>
        ((await fromPage(page, `/api/v1/w/${slug}/teams`)).body.items as Array<{ name: string }>).map((t) => t.name);
      assert.deepEqual(await names(alpha.slug), [alpha.team]);
      assert.deepEqual(await names(beta.slug), [beta.team]);
    },
  },
  {
    name: 'renames a workspace in its settings; the old address still leads to it',
    async run({ page }) {
      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.waitForURL(`**/w/${alpha.slug}/settings`);
      await field(page, 'Workspace name').fill(alpha.renamed);
      await field(page, 'Slug').fill(alpha.newSlug);
      await button(page, 'Save changes').click();
      await page.waitForURL(`**/w/${alpha.newSlug}/settings`);
      await switcher(page).locator('option', { hasText: alpha.renamed }).waitFor({ state: 'attached' });

      const viaOldSlug = await fromPage(page, `/api/v1/w/${alpha.slug}`);
      assert.equal(viaOldSlug.status, 200);
      assert.equal(viaOldSlug.body.slug, alpha.newSlug);
      await page.goto(`/w/${alpha.slug}/teams`);
      await page.waitForURL(`**/w/${alpha.newSlug}/teams`);
      await showsOnly(page, alpha.newSlug, alpha.team, beta.team);
    },
  },
  {
    name: 'a suspended workspace shows a banner, still reads, and refuses changes',
    async run({ page }) {
      await setSuspended(beta.slug, true);
      await page.goto(`/w/${beta.slug}/members`);
      await page.getByTestId('suspended-banner').waitFor();
      await showsOnly(page, beta.slug, beta.team, alpha.team);
      await field(page, 'Team name').fill('Refused while suspended');
      await button(page, 'Create team').click();
      await page.getByRole('alert').filter({ hasText: 'suspended' }).first().waitFor();
      await setSuspended(beta.slug, false);
      await page.reload();
      await rowWith(page, beta.team).waitFor();
      assert.equal(await page.getByTestId('suspended-banner').count(), 0);
      assert.equal(await rowWith(page, 'Refused while suspended').count(), 0);
    },
  },
  {
    name: 'deletes a workspace: it leaves the switcher and its pages offer the owner a restore',
    async run({ page }) {
      await page.goto(`/w/${alpha.newSlug}/settings`);
      await field(page, 'Type the slug to confirm').fill(alpha.newSlug);
      await button(page, 'Delete workspace').click();
      await page.getByRole('heading', { name: 'This workspace was deleted', exact: true }).waitFor();
      assert.equal(await switcher(page).locator('option', { hasText: alpha.renamed }).count(), 0);
      const deleted = await fromPage(page, `/api/v1/w/${alpha.newSlug}/teams`);
      assert.equal(deleted.status, 410);
      assert.equal(deleted.body.error.code, 'WORKSPACE_DELETED');
      const list = await fromPage(page, '/api/v1/workspaces');
      assert.deepEqual(
        (list.body.items as Array<{ slug: string }>).map((w) => w.slug),
        [beta.slug],
      );
    },
  },
  {
    name: 'restores the deleted workspace with its data',
    async run({ page }) {
      await button(page, 'Restore workspace').click();
      await waitForWorkspace(page, alpha.newSlug);
      await showsOnly(page, alpha.newSlug, alpha.team, beta.team);
      await switcher(page).locator('option', { hasText: alpha.renamed }).waitFor({ state: 'attached' });
    },
  },
];
