/**
 * Attachments of the sample module from Chromium: a file attached to a project goes straight to the
 * presigned storage URL with a progress bar, is scanned, listed on the project's page and downloads
 * byte for byte. It lives with the module, so deleting the module deletes it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { button, confirmEmail, createWorkspace, fromPage, signUp, slowStoragePuts, type Step } from '../../../../e2e/helpers.ts';

const run = randomBytes(4).toString('hex');
const person = { name: 'Ada Attach', email: `attach-${run}@example.com`, password: `attached with care ${run}` };
const workspace = { name: `Attach ${run}`, slug: `attach-${run}` };
// Big enough for the bar to be seen moving.
const report = randomBytes(2 * 1024 * 1024);

export const scenario: Step[] = [
  {
    name: 'a file attached to a project with a progress bar is listed on its page and downloads',
    async run({ page, baseUrl }) {
      await signUp(page, person);
      await createWorkspace(page, workspace);
      await confirmEmail(page, baseUrl, person.email);
      const created = await fromPage(page, `/api/v1/w/${workspace.slug}/projects`, { method: 'POST', body: { name: 'Launch plan' } });
      assert.equal(created.status, 201);
      const projectId = (created.body as { id: string }).id;
      await page.goto(`/w/${workspace.slug}/projects/${projectId}`);
      await page.getByText('No files are attached to this project.').waitFor();
      const putSeen = await slowStoragePuts(page);
      await page
        .getByLabel('Attach a file', { exact: true })
        .setInputFiles({ name: 'brief.bin', mimeType: 'application/octet-stream', buffer: report });
      await page.getByRole('progressbar', { name: 'Uploading brief.bin' }).waitFor();
      const row = page.getByTestId('attachment-row').filter({ hasText: 'brief.bin' });
      await row.getByText('Ready').waitFor({ timeout: 30_000 });
      await page.unroute('**/dev/r2/**');
      assert.ok(putSeen(), 'the attachment went to the presigned storage URL');

      const downloading = page.waitForEvent('download');
      await button(page, 'Download brief.bin').click();
      const download = await downloading;
      assert.equal(download.suggestedFilename(), 'brief.bin');
      const saved = await download.path();
      assert.ok(saved);
      assert.deepEqual(await readFile(saved), report);
    },
  },
];
