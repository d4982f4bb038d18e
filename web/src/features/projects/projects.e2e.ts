/**
 * The sample product module in a real browser, against a real worker, queue and database: the
 * seeded demo account's workspace holds the module's sample projects (its manifest's `demoSeed`),
 * and so does a person's demo workspace; a new workspace opens on its empty project list,
 * whose action opens the create form; a project ticks the first-run checklist and the third one
 * activates the workspace, once; an empty filter offers the whole list again; a project is
 * deleted; on the Free plan a project over the limit meets the upgrade prompt; the person's data
 * export carries the projects they made. It lives with the module, so
 * deleting the module deletes it; `e2e/run.ts` finds it here (npm run test:e2e).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  asWorkspace,
  button,
  confirmAlert,
  createWorkspace,
  field,
  fromPage,
  logIn,
  logOut,
  openAccountSettings,
  screenshotsAtBothSizes,
  signUp,
  type Step,
} from '../../../../e2e/helpers.ts';
import { demo } from '../../../../scripts/seed-lib.ts';

const run = randomBytes(4).toString('hex');
const account = { name: 'Sam Sample', email: `projects-${run}@example.com`, password: `sample projects horse ${run}` };
const workspace = { name: `Sample Co ${run}`, slug: `sample-${run}` };
const first = `Roadmap ${run}`;

const projectList = (page: Page) => page.getByRole('list', { name: 'Projects', exact: true });
const projectRow = (page: Page, name: string) => projectList(page).getByRole('listitem').filter({ hasText: name });
const checklistItem = (page: Page, title: string) =>
  page.getByRole('list', { name: 'Getting started', exact: true }).getByRole('listitem').filter({ hasText: title });
/** The empty state titled `title`, with its one sentence. */
const emptyState = async (page: Page, title: string, sentence: string) => {
  await page.getByRole('heading', { name: title, exact: true }).waitFor();
  await page.getByText(sentence, { exact: true }).waitFor();
};
const onboarding = async (page: Page) => (await fromPage(page, `/api/v1/w/${workspace.slug}/onboarding`)).body;
const createdByApi = async (page: Page, name: string) =>
  (await fromPage(page, `/api/v1/w/${workspace.slug}/projects`, { method: 'POST', body: { name } })).status;

const sampleNames = ['Website redesign', 'Mobile app', 'Billing migration', 'Customer onboarding', 'Legacy reporting'];

export const scenario: Step[] = [
  {
    name: 'the seeded demo account opens on the sample projects its manifest seeds',
    async run({ page }) {
      await logIn(page, demo);
      await page.waitForURL(`**/w/${demo.workspaceSlug}/projects`);
      for (const name of sampleNames) await projectRow(page, name).waitFor();
      assert.equal(await projectList(page).getByRole('listitem').count(), sampleNames.length);
      await logOut(page);
    },
  },
  {
    name: 'a demo workspace opens on its sample projects',
    async run({ page }) {
      await signUp(page, account);
      await button(page, 'Open a demo workspace').click();
      await page.waitForURL(/\/w\/demo-[0-9a-z]+\/projects$/);
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      await projectRow(page, 'Website redesign').waitFor();
      assert.ok((await projectList(page).getByRole('listitem').count()) >= 4);
    },
  },
  {
    name: 'a new workspace opens on its empty project list; the action opens the form ready to type',
    async run({ page }) {
      await page.getByRole('link', { name: 'create your own workspace' }).click();
      await page.waitForURL('**/workspaces/new');
      await createWorkspace(page, workspace);
      await page.waitForURL(`**/w/${workspace.slug}/projects`);
      await emptyState(
        page,
        'No projects yet',
        'Projects keep a piece of work, its description and its status in one place for everyone in this workspace.',
      );
      await checklistItem(page, 'Create a project').waitFor();
      assert.equal(await checklistItem(page, 'Create a project').getByText('(done)').count(), 0);

      await button(page, 'Create project').click();
      const name = field(page, 'Project name');
      await name.and(page.locator(':focus')).waitFor();
      await page.keyboard.type(first);
      await field(page, 'Description').fill('Made by the browser test.');
      await button(page, 'Create project').click();
      await projectRow(page, first).waitFor();
      assert.ok(((await projectRow(page, first).textContent()) ?? '').includes('Made by the browser test.'));
    },
  },
  {
    name: 'the first project ticks the checklist; the third activates the workspace, once',
    async run({ page }) {
      await checklistItem(page, 'Create a project').getByText('(done)').waitFor();
      assert.equal((await onboarding(page)).activated_at, null);
      for (const name of ['Second project', 'Third project']) assert.equal(await createdByApi(page, name), 201);
      const activated = (await onboarding(page)).activated_at;
      assert.ok(activated, 'activated after the third project');
      assert.equal(await createdByApi(page, 'Fourth project'), 201);
      assert.equal((await onboarding(page)).activated_at, activated);
    },
  },
  {
    name: 'an empty filter says so and offers the whole list again',
    async run({ page }) {
      await page.reload();
      await projectRow(page, first).waitFor();
      // The status filter is a tablist: the arrow keys move between its tabs.
      await page.getByRole('tab', { name: 'All projects', exact: true }).focus();
      // Each key moves the focus on a later tick (and the tab is chosen then): wait for each.
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: 'Active', exact: true, selected: true }).waitFor();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: 'Archived', exact: true, selected: true }).waitFor();
      await emptyState(page, 'No matching projects', 'No project in this workspace has the status you chose.');
      await projectRow(page, first).waitFor({ state: 'detached' });
      await button(page, 'Show all projects').click();
      await projectRow(page, first).waitFor();
      await page.getByRole('tab', { name: 'All projects', exact: true, selected: true }).waitFor();
    },
  },
  {
    name: 'deletes a project',
    async run({ page }) {
      await projectRow(page, 'Fourth project').getByRole('button', { name: 'Delete', exact: true }).click();
      await confirmAlert(page, 'Delete project');
      await projectRow(page, 'Fourth project').waitFor({ state: 'detached' });
      const { body } = await fromPage(page, `/api/v1/w/${workspace.slug}/projects`);
      const names = (body.items as Array<{ name: string }>).map((p) => p.name);
      assert.ok(!names.includes('Fourth project'), `still listed: ${JSON.stringify(names)}`);
      assert.ok(names.includes(first), JSON.stringify(names));
    },
  },
  {
    name: 'a deleted project comes back with the toast’s Undo',
    async run({ page }) {
      await projectRow(page, 'Third project').getByRole('button', { name: 'Delete', exact: true }).click();
      await confirmAlert(page, 'Delete project');
      await projectRow(page, 'Third project').waitFor({ state: 'detached' });
      const toast = page.getByRole('status').filter({ hasText: 'Project “Third project” deleted.' });
      await toast.waitFor();
      await screenshotsAtBothSizes(page, 'project-undo');
      await toast.getByRole('button', { name: 'Undo', exact: true }).click();
      await projectRow(page, 'Third project').waitFor();
      const { body } = await fromPage(page, `/api/v1/w/${workspace.slug}/projects`);
      assert.ok(
        (body.items as Array<{ name: string }>).some((p) => p.name === 'Third project'),
        'restored',
      );
    },
  },
  {
    name: 'on the Free plan a project over its limit is answered with the upgrade prompt naming Pro, and nothing is made',
    async run({ page }) {
      // Three live projects; the trial ends early, which leaves the workspace on Free (3 projects).
      await asWorkspace(workspace.slug, 'delete from workspace_trial where workspace_id = $1');
      await page.reload();
      await projectRow(page, first).waitFor();
      await button(page, 'Create project').click();
      await field(page, 'Project name').fill('Over the limit');
      await button(page, 'Create project').click();
      const prompt = page.getByTestId('upgrade-prompt');
      await prompt.waitFor();
      assert.match(await prompt.innerText(), /Upgrade to Pro for more/);
      await prompt.getByRole('link', { name: 'See Pro' }).waitFor();
      const { body } = await fromPage(page, `/api/v1/w/${workspace.slug}/projects`);
      assert.ok(!(body.items as Array<{ name: string }>).some((p) => p.name === 'Over the limit'), 'nothing made');
    },
  },
  {
    name: 'the personal data export carries the projects the person made',
    async run({ page }) {
      await openAccountSettings(page, 'Profile');
      await page.waitForURL('**/settings/account');
      await button(page, 'Export my data').click();
      const link = page.getByRole('link', { name: 'Download JSON' }).first();
      await link.waitFor({ timeout: 60_000 });
      const archive = await fromPage(page, (await link.getAttribute('href')) ?? '');
      assert.equal(archive.status, 200);
      const names = archive.body.content.projects.map((p: { name: string }) => p.name);
      assert.ok(names.includes(first) && names.includes('Third project'), JSON.stringify(names));
    },
  },
];
