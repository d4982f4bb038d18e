/**
 * Importing projects from a CSV file, from Chromium: the file goes to storage, the import runs in
 * chunks through the queue, and the page's progress bar moves through them until the summary and
 * the rows it refused are shown. It lives with the sample module, so deleting the module deletes it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  button,
  confirmEmail,
  createWorkspace,
  databaseUrl,
  fromPage,
  operatorFlags,
  screenshotsAtBothSizes,
  signUp,
  type Step,
} from '../../../../e2e/helpers.ts';

const run = randomBytes(4).toString('hex');
const person = { name: 'Ivo Import', email: `import-${run}@example.com`, password: `imported with care ${run}` };
const workspace = { name: `Import ${run}`, slug: `import-${run}` };

// Twenty chunks of a thousand rows, so the bar has steps to show; three rows it must refuse.
const goodRows = 20_000;
const badRows = [
  { row: 101, cells: ',no name here,active', message: 'must not be empty' },
  { row: 5002, cells: '=HYPERLINK("https://example.com"),formula,active', message: 'formula' },
  { row: 12_003, cells: 'Unknown status,odd,paused', message: 'must be “active” or “archived”' },
];
const total = goodRows + badRows.length;

function importFile(): Buffer {
  const lines = ['name,description,status'];
  let good = 0;
  for (let row = 1; row <= total; row++) {
    const bad = badRows.find((b) => b.row === row);
    lines.push(bad ? bad.cells : `Imported ${++good},Row ${row} of the launch backlog,active`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

export const scenario: Step[] = [
  {
    name: 'a CSV of 20,003 rows imports with a progress bar that moves, then names the three rows it refused',
    async run({ page, baseUrl }) {
      await signUp(page, person);
      await createWorkspace(page, workspace);
      await confirmEmail(page, baseUrl, person.email);
      await page.goto(`/w/${workspace.slug}/projects`);
      await button(page, 'Import CSV').click();
      await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'backlog.csv', mimeType: 'text/csv', buffer: importFile() });
      await button(page, 'Upload and import').click();

      const bar = page.getByRole('progressbar', { name: 'Importing projects' });
      const finished = page.getByRole('status').filter({ hasText: 'Import finished' });
      const seen = new Set<number>();
      let screenshotTaken = false;
      const deadline = Date.now() + 180_000;
      while (!(await finished.isVisible())) {
        assert.ok(Date.now() < deadline, `the import did not finish; progress seen: ${[...seen].join(', ')}`);
        const now = Number((await bar.getAttribute('aria-valuenow').catch(() => null)) ?? 0);
        if (now > 0 && now < total) {
          seen.add(now);
          // Once the bar has moved: the pictures take seconds, long enough for the import to end.
          if (!screenshotTaken) {
            await screenshotsAtBothSizes(page, 'projects-import-running');
            screenshotTaken = true;
          }
        }
        await page.waitForTimeout(200);
      }
      // The page asks for the job's progress once a second and the import's messages of 5,000 rows
      // can go faster than that, so how many steps it shows depends on the machine: at least one
      // between none and all, then the summary, is the bar moving.
      assert.ok(seen.size >= 1, `the bar showed a step between 0 and ${total} before the end; it showed ${[...seen].join(', ')}`);

      await page.getByText(/20,000 projects imported, 3 rows skipped/).waitFor();
      const refused = page.getByRole('list', { name: 'Rows skipped' }).getByRole('listitem');
      assert.equal(await refused.count(), badRows.length);
      for (const [i, bad] of badRows.entries()) {
        const text = await refused.nth(i).innerText();
        assert.match(text, new RegExp(`^Row ${bad.row.toLocaleString('en-US')} `), text);
        assert.match(text, new RegExp(bad.message), text);
      }
      await button(page, 'Download the error report (CSV)').waitFor();
      await screenshotsAtBothSizes(page, 'projects-import-finished');
    },
  },
  {
    name: 'turned off by the operator for the workspace, the import leaves the page and the API refuses it; cleared, it is back',
    async run({ page }) {
      const flag = 'projects.csv-import';
      assert.match(await operatorFlags('set', flag, 'off', '--workspace', workspace.slug), /turned off for workspace/);
      assert.match(await operatorFlags('--workspace', workspace.slug), new RegExp(`workspace ${workspace.slug}: off`));

      const flagsRead = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/flags'));
      await page.goto(`/w/${workspace.slug}/projects`);
      await flagsRead;
      await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
      assert.equal(await button(page, 'Import CSV').count(), 0);
      const refused = await fromPage(page, `/api/v1/w/${workspace.slug}/projects/imports`, { method: 'POST', body: { file_id: 'fil_0' } });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'FEATURE_DISABLED');

      await operatorFlags('clear', flag, '--workspace', workspace.slug);
      await page.reload();
      await button(page, 'Import CSV').waitFor();
    },
  },
];
