/**
 * Files from Chromium: a file goes from the workspace's Files page straight to the presigned URL
 * with a progress bar, is scanned and downloaded back byte for byte; the EICAR test file is shown
 * quarantined and offers no download; an image becomes the workspace's logo in its settings, where
 * the storage in use is shown against the plan; an image becomes the person's avatar on their
 * profile and in the user menu. (Attachments live with the sample module's scenarios.)
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { button, confirmEmail, createWorkspace, signUp, slowStoragePuts, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const person = { name: 'Fran Files', email: `files-${run}@example.com`, password: `straight to storage ${run}` };
const workspace = { name: `Files ${run}`, slug: `files-${run}` };
const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
// Big enough for the bar to be seen moving; a pause before the PUT reaches storage holds it on screen.
const report = randomBytes(2 * 1024 * 1024);
// The smallest PNG: one transparent pixel.
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const fileRow = (page: Page, name: string) => page.getByTestId('file-row').filter({ hasText: name });

export const scenario: Step[] = [
  {
    name: 'uploads a file straight to storage with a progress bar; it is scanned clean and downloads byte for byte',
    async run({ page, baseUrl }) {
      await signUp(page, person);
      await createWorkspace(page, workspace);
      await confirmEmail(page, baseUrl, person.email);
      await page.goto(`/w/${workspace.slug}/files`);
      await page.getByText('No files yet').waitFor();

      let putSeen = false;
      await page.route('**/dev/r2/**', async (route) => {
        if (route.request().method() === 'PUT') {
          putSeen = true;
          await new Promise((resolve) => setTimeout(resolve, 1500));
        }
        await route.continue();
      });
      await page
        .getByLabel('Upload a file', { exact: true })
        .setInputFiles({ name: 'report.bin', mimeType: 'application/octet-stream', buffer: report });
      await page.getByRole('progressbar', { name: 'Uploading report.bin' }).waitFor();
      await fileRow(page, 'report.bin').getByText('Ready').waitFor({ timeout: 30_000 });
      await page.unroute('**/dev/r2/**');
      assert.ok(putSeen, 'the bytes went to the presigned storage URL');
      assert.equal(await page.getByTestId('upload-progress').count(), 0);

      const downloading = page.waitForEvent('download');
      await button(page, 'Download report.bin').click();
      const download = await downloading;
      assert.equal(download.suggestedFilename(), 'report.bin');
      const saved = await download.path();
      assert.ok(saved);
      assert.deepEqual(await readFile(saved), report);
    },
  },
  {
    name: 'the EICAR test file is shown quarantined and cannot be downloaded',
    async run({ page }) {
      await page
        .getByLabel('Upload a file', { exact: true })
        .setInputFiles({ name: 'eicar.com.txt', mimeType: 'text/plain', buffer: Buffer.from(eicar) });
      await fileRow(page, 'eicar.com.txt').getByText('Quarantined').waitFor({ timeout: 30_000 });
      assert.equal(await button(page, 'Download eicar.com.txt').count(), 0);
    },
  },
  {
    name: 'an uploaded image becomes the workspace logo, shown in its settings, and can be removed',
    async run({ page }) {
      await page.goto(`/w/${workspace.slug}/settings`);
      await page.getByText('No logo is set').waitFor();
      await page.getByLabel('Upload a logo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: pixel });
      const logo = page.getByRole('img', { name: `Logo of ${workspace.name}` });
      await logo.waitFor({ timeout: 30_000 });
      assert.equal(await logo.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth), 1);
      await button(page, 'Remove logo').click();
      await page.getByText('No logo is set').waitFor();
    },
  },
  {
    name: 'the workspace settings show the storage in use against the plan',
    async run({ page }) {
      await page.reload();
      const usage = page.getByRole('progressbar', { name: 'Storage' });
      await usage.waitFor();
      // The 2 MiB report and the logo are counted; the quarantined file is not.
      const used = Number(await usage.getAttribute('aria-valuenow'));
      assert.equal(used, report.byteLength + pixel.byteLength);
      await page.getByText(/^2\.1 MB of [\d.,]+ [GT]B used$/).waitFor();
    },
  },
  {
    name: 'an uploaded picture becomes the person’s avatar, on the profile page and in the user menu',
    async run({ page }) {
      // Without a picture, /me says so and nobody asks for a link to one.
      const avatarCalls: string[] = [];
      const countAvatarCalls = (request: { url(): string }) => {
        if (new URL(request.url()).pathname === '/api/v1/me/avatar') avatarCalls.push(request.url());
      };
      page.on('request', countAvatarCalls);
      await page.goto('/settings/account');
      await page.getByLabel('Upload a picture', { exact: true }).waitFor();
      assert.deepEqual(avatarCalls, [], 'no avatar link is asked for while there is no avatar');
      page.off('request', countAvatarCalls);
      const putSeen = await slowStoragePuts(page);
      await page.getByLabel('Upload a picture', { exact: true }).setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: pixel });
      await page.getByRole('progressbar', { name: 'Uploading me.png' }).waitFor();
      const avatar = page.getByRole('img', { name: `Avatar of ${person.name}` });
      await avatar.first().waitFor({ timeout: 30_000 });
      await page.unroute('**/dev/r2/**');
      assert.ok(putSeen(), 'the picture went to the presigned storage URL');
      await page.getByTestId('avatar-image').nth(1).waitFor();
      assert.equal(await page.getByTestId('avatar-image').count(), 2, 'shown on the profile and in the user menu');
      assert.equal(await avatar.first().evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth), 1);
    },
  },
];
