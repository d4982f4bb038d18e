/**
 * The shared components of `web/src/components/ui/`, each used the way people use it, in the pages
 * that carry it: a form field's error under the field, the account menu and the tabs from the
 * keyboard, an alert dialog that Escape leaves unanswered, a toast that goes when dismissed, a
 * table that stacks on a phone, the command palette's dialog, the page skeleton while data is on
 * its way, and a card that shows a secret once.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { button, confirmEmail, createWorkspace, field, rowWith, signUp, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const person = { name: 'Cora Components', email: `components-${run}@example.com`, password: `every part on its own ${run}` };
const workspace = { name: `Components ${run}`, slug: `components-${run}` };

export const scenario: Step[] = [
  {
    name: 'a form field: the browser refuses with the API’s sentence, under the field, wired for screen readers',
    async run({ page }) {
      await signUp(page, person);
      const name = field(page, 'Workspace name');
      await name.waitFor();
      await button(page, 'Create workspace').click();
      const error = page.getByText('Fill this in.', { exact: true });
      await error.waitFor();
      assert.equal(await name.getAttribute('aria-invalid'), 'true');
      const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
      const errorList = page.locator(`[id="${describedBy.split(' ').at(-1)}"]`);
      assert.equal(await errorList.textContent(), 'Fill this in.');
      assert.equal(await page.getByRole('alert').count(), 0, 'no banner says it a second time');
      await createWorkspace(page, workspace);
    },
  },
  {
    name: 'the dropdown menu opens, moves and closes from the keyboard, and focus returns to its button',
    async run({ page }) {
      const trigger = button(page, 'Account menu');
      await trigger.focus();
      await page.keyboard.press('Enter');
      const menu = page.getByRole('menu');
      await menu.waitFor();
      await page.keyboard.press('ArrowDown');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('role'));
      assert.match(focused ?? '', /^menuitem/);
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
      assert.equal(await trigger.evaluate((el) => el === document.activeElement), true);
    },
  },
  {
    name: 'the command palette is a dialog: Ctrl+K opens it, typing filters, Escape closes it',
    async run({ page }) {
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await page.keyboard.type('sessions');
      await dialog.getByRole('option', { name: 'Sessions' }).waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'tabs: the arrow keys choose a tab, its panel shows, and the address names it',
    async run({ page, baseUrl }) {
      await confirmEmail(page, baseUrl, person.email);
      await page.goto('/settings/security');
      const first = page.getByRole('tab', { name: 'Authenticator app', exact: true });
      await first.focus();
      assert.equal(await first.getAttribute('aria-selected'), 'true');
      await page.keyboard.press('ArrowRight');
      // The tab is chosen on the next render: wait for it rather than read it at once.
      await page.getByRole('tab', { name: 'Passkeys', exact: true, selected: true }).waitFor();
      await page.getByRole('tabpanel').getByText('No passkeys yet').waitFor();
      await page.waitForURL('**/settings/security#passkeys');
      await page.reload();
      assert.equal(await page.getByRole('tab', { name: 'Passkeys', exact: true }).getAttribute('aria-selected'), 'true');
    },
  },
  {
    name: 'a toast says what happened and goes when dismissed',
    async run({ page }) {
      await page.goto('/settings/account');
      await field(page, 'Name').fill('Cora C.');
      await button(page, 'Save name').click();
      const toast = page.getByRole('status').filter({ hasText: 'Your name is saved.' });
      await toast.waitFor();
      await toast.getByRole('button', { name: 'Dismiss notification' }).click();
      await toast.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'a card shows a new secret once, with its name in the heading',
    async run({ page }) {
      await page.goto(`/w/${workspace.slug}/api-keys`);
      await field(page, 'Key name').fill('Deploys');
      await button(page, 'Create API key').click();
      const card = page.getByRole('region', { name: 'API key “Deploys” created' });
      await card.waitFor();
      await card.getByRole('button', { name: 'I have copied the key' }).click();
      await card.waitFor({ state: 'detached' });
      await page.goto(`/w/${workspace.slug}/teams`);
      await field(page, 'Team name').fill('Platform');
      await button(page, 'Create team').click();
      await page.getByRole('link', { name: 'Platform', exact: true }).waitFor();
    },
  },
  {
    name: 'an alert dialog names the thing, Escape leaves it unanswered, and the answer acts',
    async run({ page }) {
      await page.goto(`/w/${workspace.slug}/api-keys`);
      await rowWith(page, 'Deploys').getByRole('button', { name: 'Revoke', exact: true }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      assert.match((await dialog.textContent()) ?? '', /Deploys/);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await rowWith(page, 'Deploys').waitFor();
      await rowWith(page, 'Deploys').getByRole('button', { name: 'Revoke', exact: true }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke key', exact: true }).click();
      await page.getByRole('alertdialog').waitFor({ state: 'detached' });
      await rowWith(page, 'Deploys').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'a table has column headers on a laptop and stacks into labelled rows on a phone',
    async run({ page }) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`/w/${workspace.slug}/members`);
      const header = page.getByRole('columnheader', { name: 'Email', exact: true });
      await header.waitFor();
      const headerRowWidth = () => header.evaluate((el) => el.closest('thead')?.getBoundingClientRect().width ?? 0);
      assert.ok((await headerRowWidth()) > 300, 'the header row spans the table on a laptop');
      await page.getByTestId('member-row').first().getByText('you', { exact: true }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      const row = page.getByTestId('member-row').first();
      const box = await row.boundingBox();
      assert.ok(box && box.width <= 390, `a member's row fits the phone (${box?.width}px)`);
      assert.ok((await headerRowWidth()) <= 1, 'the header row is for screen readers only on a phone');
      await page.setViewportSize({ width: 1280, height: 800 });
    },
  },
  {
    name: 'a skeleton holds the page’s place while its data is on its way',
    async run({ page }) {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The list is asked for with a query string (?limit=50), which a glob ending in /teams never matches.
      const teamsList = (url: URL) => /^\/api\/v1\/w\/[^/]+\/teams$/.test(url.pathname);
      let heldRequests = 0;
      await page.route(teamsList, async (route) => {
        heldRequests += 1;
        await held;
        await route.continue();
      });
      await page.goto(`/w/${workspace.slug}/teams`);
      const loading = page.getByRole('status', { name: 'Loading teams…' });
      await loading.waitFor();
      assert.ok(heldRequests > 0, 'the teams list was held back while the skeleton showed');
      release();
      await loading.waitFor({ state: 'detached' });
      await page.unroute(teamsList);
      await page.getByRole('link', { name: 'Platform', exact: true }).waitFor();
    },
  },
];
