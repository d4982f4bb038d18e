/**
 * Second factor and passkeys in a real browser: turn on an authenticator app (QR code, secret,
 * confirming code, backup codes shown once), sign in with a code and with a backup code, add,
 * rename and remove passkeys through Chromium's virtual authenticator, sign in with a passkey
 * (no code asked), and turn the app off again.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { CDPSession, Page } from 'playwright-core';
import { button, confirmAlert, field, logIn, logOut, meStatus, openAccountSettings, signUp, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const account = { name: 'Mfa Tester', email: `e2e-mfa-${run}@example.com`, password: `correct horse battery ${run}` };
let totpKey: Uint8Array = new Uint8Array();
let backupCodes: string[] = [];
let cdp: CDPSession | undefined;
let authenticatorId = '';

const passkeyRow = (page: Page, name: string) => page.getByTestId('passkey-row').filter({ hasText: name });

const step = () => Math.floor(Date.now() / 30_000);
const codeFor = (atStep: number) => generateHOTP(totpKey, BigInt(atStep), 6);
/** The 30-second step whose code turned the app on: that code may never sign in. */
let enabledStep = 0;

/** Keeps a code computed here in the same 30-second step as the worker that checks it. */
async function awayFromStepEdge() {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 25) await new Promise((resolve) => setTimeout(resolve, (30 - intoStep) * 1000 + 200));
}

async function newAuthenticator(): Promise<string> {
  if (!cdp) throw new Error('WebAuthn is not enabled');
  const { authenticatorId: id } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return id;
}

export const scenario: Step[] = [
  {
    name: 'signs up and opens the security settings',
    async run({ page }) {
      await signUp(page, account);
      await openAccountSettings(page, 'Security');
      await page.waitForURL('**/settings/security');
      await page.getByRole('heading', { name: 'Security', exact: true }).waitFor();
    },
  },
  {
    name: 'turns on an authenticator app from its QR code and secret, and sees the backup codes once',
    async run({ page }) {
      await button(page, 'Set up authenticator app').click();
      const qr = page.getByTestId('totp-qr');
      await qr.locator('svg').waitFor();
      const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
      assert.match(secret, /^[A-Z2-7]{32}$/);
      totpKey = Uint8Array.from(decodeBase32IgnorePadding(secret));

      await field(page, 'Code from your app').fill('000000' === codeFor(step()) ? '111111' : '000000');
      await button(page, 'Turn on').click();
      await page.getByText('is not valid').first().waitFor();

      await awayFromStepEdge();
      enabledStep = step();
      await field(page, 'Code from your app').fill(codeFor(enabledStep));
      await button(page, 'Turn on').click();
      const list = page.getByTestId('backup-codes');
      await list.waitFor();
      backupCodes = (await list.locator('code').allTextContents()).map((c) => c.trim());
      assert.equal(backupCodes.length, 10);
      await button(page, 'I have saved these codes').click();
      await list.waitFor({ state: 'detached' });
      await page.getByText('10 backup codes left').waitFor();
    },
  },
  {
    name: 'a password alone no longer signs in: the code from the app does',
    async run({ page }) {
      await logOut(page);
      await logIn(page, account);
      await page.waitForURL('**/login/second-factor**');
      assert.equal(await meStatus(page), 401);

      await awayFromStepEdge();
      // The code that turned the app on may not be used again, whether its step is still current or not.
      await field(page, 'Authentication code').fill(codeFor(enabledStep));
      await button(page, 'Verify').click();
      await page.getByText('is not valid').first().waitFor();
      // A later step than that one, and no further from now than the one step of drift allowed.
      await field(page, 'Authentication code').fill(codeFor(Math.max(enabledStep + 1, step())));
      await button(page, 'Verify').click();
      await page.waitForURL('**/workspaces/new');
      assert.equal(await meStatus(page), 200);
    },
  },
  {
    name: 'a backup code signs in instead of a code',
    async run({ page }) {
      await logOut(page);
      await logIn(page, account);
      await page.waitForURL('**/login/second-factor**');
      await button(page, 'Use a backup code').click();
      await field(page, 'Backup code').fill(backupCodes[0] ?? '');
      await button(page, 'Verify').click();
      await page.waitForURL('**/workspaces/new');
      assert.equal(await meStatus(page), 200);
    },
  },
  {
    name: 'adds two passkeys with the virtual authenticator, renames one and removes the other',
    async run({ page }) {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      authenticatorId = await newAuthenticator();

      // The passkeys are the security page's second tab; a link names it, and a click opens it.
      await page.goto('/settings/security');
      await page.getByRole('tab', { name: 'Passkeys', exact: true }).click();
      await page.waitForURL('**/settings/security#passkeys');
      await page.getByText('No passkeys yet').waitFor();
      await field(page, 'New passkey name').fill('Laptop');
      await button(page, 'Add a passkey').click();
      await passkeyRow(page, 'Laptop').waitFor();

      // A second device: its own authenticator.
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      authenticatorId = await newAuthenticator();
      await field(page, 'New passkey name').fill('Phone');
      await button(page, 'Add a passkey').click();
      await passkeyRow(page, 'Phone').waitFor();
      assert.equal(await page.getByTestId('passkey-row').count(), 2);

      await button(page, 'Rename Phone').click();
      await field(page, 'Passkey name').fill('Work phone');
      await button(page, 'Save').click();
      await passkeyRow(page, 'Work phone').waitFor();

      await button(page, 'Remove Laptop').click();
      await confirmAlert(page, 'Remove passkey');
      await passkeyRow(page, 'Laptop').waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('passkey-row').count(), 1);
    },
  },
  {
    name: 'signs in with the passkey, and no code is asked for',
    async run({ page }) {
      await logOut(page);
      await button(page, 'Sign in with a passkey').click();
      await page.waitForURL('**/workspaces/new');
      assert.equal(await meStatus(page), 200);
      await page.goto('/settings/security#passkeys');
      await passkeyRow(page, 'Work phone').getByText('last used').waitFor();
    },
  },
  {
    name: 'turns the authenticator app off; a password signs in alone again',
    async run({ page }) {
      await page.getByRole('tab', { name: 'Authenticator app', exact: true }).click();
      await button(page, 'Remove authenticator app').click();
      await confirmAlert(page, 'Turn off');
      await button(page, 'Set up authenticator app').waitFor();
      await logOut(page);
      await logIn(page, account);
      await page.waitForURL('**/workspaces/new');
      assert.equal(await meStatus(page), 200);
    },
  },
];
