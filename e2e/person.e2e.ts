/**
 * A person's lifecycle in a real browser, against a real worker, queue and database: after
 * sign-up, a demo workspace; then their own workspace with the first-run checklist; leaving
 * refused to the last owner; an export of their data gathered by the queue and downloaded through
 * its signed link; and deleting the account, which asks for the password and, with an
 * authenticator app on, a code from it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { Page } from 'playwright-core';
import { button, createWorkspace, field, fromPage, meStatus, operatorFlags, screenshotsAtBothSizes, signUp, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const account = { name: 'Pat Person', email: `person-${run}@example.com`, password: `correct horse person ${run}` };
const workspace = { name: `Pat Co ${run}`, slug: `pat-${run}` };

let totpKey: Uint8Array = new Uint8Array();
const step = () => Math.floor(Date.now() / 30_000);
const codeFor = (atStep: number) => generateHOTP(totpKey, BigInt(atStep), 6);
/** The step whose code turned the app on: that code is spent. */
let enabledStep = 0;

/** Keeps a code computed here in the same 30-second step as the worker that checks it. */
async function awayFromStepEdge() {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 25) await new Promise((resolve) => setTimeout(resolve, (30 - intoStep) * 1000 + 200));
}

const checklistItem = (page: Page, title: string) => page.getByTestId('checklist-item').filter({ hasText: title });

export const scenario: Step[] = [
  {
    name: 'after sign-up, the create-your-workspace step offers a demo workspace',
    async run({ page }) {
      await signUp(page, account);
      await page.getByRole('heading', { name: 'No workspace yet', exact: true }).waitFor();
      await button(page, 'Open a demo workspace').waitFor();
    },
  },
  {
    name: 'opens a demo workspace, clearly labelled (its sample data is each module’s)',
    async run({ page }) {
      await button(page, 'Open a demo workspace').click();
      await page.waitForURL(/\/w\/demo-[0-9a-z]+\//);
      await page.getByTestId('demo-banner').waitFor();
      assert.match((await page.getByTestId('demo-banner').textContent()) ?? '', /demo workspace with sample data/);
      // A demo shows no setup checklist.
      assert.equal(await page.getByTestId('checklist-item').count(), 0);
    },
  },
  {
    name: 'creates their own workspace and sees the first-run checklist, nothing done yet',
    async run({ page }) {
      await page.getByRole('link', { name: 'create your own workspace' }).click();
      await page.waitForURL('**/workspaces/new');
      await createWorkspace(page, workspace);
      await page.getByRole('heading', { name: /Getting started/ }).waitFor();
      // The platform's items; a product module adds its own (the sample's scenario checks its item).
      for (const title of ['Invite a teammate', 'Create an API key']) {
        assert.equal(await checklistItem(page, title).getAttribute('data-done'), 'false', title);
      }
      assert.equal(await page.getByTestId('demo-banner').count(), 0);
    },
  },
  {
    name: 'the last owner is not offered "Leave"; the page says what to do, and the API refuses too',
    async run({ page }) {
      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.waitForURL(`**/w/${workspace.slug}/settings`);
      const note = page.getByTestId('sole-owner-note');
      await note.waitFor();
      assert.match((await note.textContent()) ?? '', /only owner of .*Make another member an owner first/);
      assert.equal(await button(page, `Leave ${workspace.name}`).count(), 0);
      const refused = await fromPage(page, `/api/v1/w/${workspace.slug}/leave`, { method: 'POST' });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'LAST_OWNER');
      assert.equal((await fromPage(page, `/api/v1/w/${workspace.slug}/members`)).status, 200);
    },
  },
  {
    name: 'exports their data: an empty state, then progress, then a download link',
    async run({ page }) {
      await button(page, 'Account menu').click();
      await page.getByRole('menuitem', { name: 'Profile' }).click();
      await page.waitForURL('**/settings/account');
      await page.getByRole('heading', { name: 'No exports yet', exact: true }).waitFor();
      await button(page, 'Export my data').click();
      const row = page.getByTestId('export-row').first();
      await row.waitFor();
      await screenshotsAtBothSizes(page, 'data-export-progress');
      const link = row.getByRole('link', { name: 'Download JSON' });
      await link.waitFor({ timeout: 60_000 });
      const href = (await link.getAttribute('href')) ?? '';
      assert.match(href, /^\/api\/v1\/exports\/pex_[0-9a-z]+\/download\?expires=\d+&signature=/);

      const archive = await fromPage(page, href);
      assert.equal(archive.status, 200);
      assert.equal(archive.body.profile.email, account.email);
      const slugs = archive.body.memberships.map((m: any) => m.workspace.slug);
      assert.ok(slugs.includes(workspace.slug), JSON.stringify(slugs));
      assert.ok(archive.body.audit_entries.some((e: any) => e.action === 'user.signed_up'));

      const tampered = href.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 60}`);
      assert.equal((await fromPage(page, tampered)).status, 404);
    },
  },
  {
    name: 'exports their workspace’s audit log from its settings: the job’s progress, then a download of its entries',
    async run({ page }) {
      await page.goto(`/w/${workspace.slug}/settings`);
      const section = page.getByTestId('audit-export');
      await section.getByRole('button', { name: 'Export the audit log', exact: true }).click();
      await section.getByRole('progressbar', { name: 'Audit log export progress' }).waitFor();
      await screenshotsAtBothSizes(page, 'audit-export-progress');
      const download = section.getByRole('link', { name: /^Download \([\d,]+ entries\)$/ });
      await download.waitFor({ timeout: 60_000 });
      await section.getByRole('status').filter({ hasText: 'Export ready' }).waitFor();
      const file = await fromPage(page, (await download.getAttribute('href')) ?? '');
      assert.equal(file.status, 200);
      // JSON lines: more than one entry is not one JSON document, so it comes back as text.
      const lines = typeof file.body === 'string' ? file.body : JSON.stringify(file.body);
      const actions = lines
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).action);
      assert.ok(actions.includes('workspace.created'), actions.join(', '));
      // Back to the profile, where the next step starts.
      await page.goto('/settings/account');
      await field(page, 'Name').waitFor();
    },
  },
  {
    name: 'turned off by the operator for the workspace, the audit log export leaves its settings and the API refuses it; cleared, it is back',
    async run({ page }) {
      const flag = 'audit.exports';
      assert.match(await operatorFlags('set', flag, 'off', '--workspace', workspace.slug), /turned off for workspace/);

      const flagsRead = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/flags'));
      await page.goto(`/w/${workspace.slug}/settings`);
      await flagsRead;
      await page.getByTestId('sole-owner-note').waitFor();
      assert.equal(await page.getByTestId('audit-export').count(), 0);
      const refused = await fromPage(page, `/api/v1/w/${workspace.slug}/audit-exports`, { method: 'POST' });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'FEATURE_DISABLED');

      await operatorFlags('clear', flag, '--workspace', workspace.slug);
      await page.reload();
      await page.getByTestId('audit-export').getByRole('button', { name: 'Export the audit log', exact: true }).waitFor();
      // Back to the profile, where the next step starts.
      await page.goto('/settings/account');
      await field(page, 'Name').waitFor();
    },
  },
  {
    name: 'renames themselves on the profile: an empty name is refused in the browser with the API’s words',
    async run({ page }) {
      const name = field(page, 'Name');
      await name.fill('   ');
      await button(page, 'Save name').click();
      await page.getByText('Fill this in.', { exact: true }).waitFor();
      assert.equal((await fromPage(page, '/api/v1/me')).body.user.name, account.name);
      const refused = await page.evaluate(async () => {
        const res = await fetch('/api/v1/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"name":"  "}' });
        return (await res.json()).error.fields.name[0];
      });
      assert.equal(refused, 'Too small: expected string to have >=1 characters', 'the browser maps the same zod message');

      await name.fill('Pat Renamed');
      await button(page, 'Save name').click();
      await page.getByText('Your name is saved.', { exact: true }).waitFor();
      assert.equal((await fromPage(page, '/api/v1/me')).body.user.name, 'Pat Renamed');
      await button(page, 'Account menu').click();
      await page.getByRole('menu').getByText('Pat Renamed').waitFor();
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'turns on an authenticator app (through the API; the security page has its own scenario)',
    async run({ page }) {
      assert.equal(
        (await fromPage(page, '/api/v1/me/reauthenticate', { method: 'POST', body: { password: account.password } })).status,
        200,
      );
      const started = await fromPage(page, '/api/v1/me/mfa/totp', { method: 'POST' });
      assert.equal(started.status, 200);
      totpKey = Uint8Array.from(decodeBase32IgnorePadding(started.body.secret));
      await awayFromStepEdge();
      enabledStep = step();
      const confirmed = await fromPage(page, '/api/v1/me/mfa/totp/confirm', { method: 'POST', body: { code: codeFor(enabledStep) } });
      assert.equal(confirmed.status, 200);
    },
  },
  {
    name: 'deleting the account asks for the password and a code from the app, then ends every session',
    async run({ page }) {
      await page.reload();
      await field(page, 'Confirm with your password').fill('not the password');
      await field(page, 'Code from your authenticator app').fill(codeFor(enabledStep + 1));
      await button(page, 'Delete my account').click();
      await page.getByText('The password is incorrect').waitFor();
      assert.equal(await meStatus(page), 200);

      await field(page, 'Confirm with your password').fill(account.password);
      // The code that turned the app on is spent.
      await field(page, 'Code from your authenticator app').fill(codeFor(enabledStep));
      await button(page, 'Delete my account').click();
      await page.getByText('is not valid').first().waitFor();
      assert.equal(await meStatus(page), 200);

      await awayFromStepEdge();
      await field(page, 'Code from your authenticator app').fill(codeFor(Math.max(enabledStep + 1, step())));
      await button(page, 'Delete my account').click();
      await page.waitForURL('**/goodbye');
      await page.getByRole('heading', { name: 'Your account is deleted', exact: true }).waitFor();
      assert.equal(await meStatus(page), 401);
      const login = await fromPage(page, '/api/v1/auth/login', {
        method: 'POST',
        body: { email: account.email, password: account.password },
      });
      assert.equal(login.status, 401);
    },
  },
];
