/**
 * Billing against the stack's local Stripe: a new workspace is on its trial (the countdown shows);
 * its owner upgrades to Pro through the hosted Checkout with the succeeding test card, and the page
 * shows Pro only once Stripe's webhook has arrived (deliveries are held until then: the success URL
 * grants nothing); the next invoice fails (declined card) and the past-due banner appears; the
 * invoice is paid on retry and the banner goes. Pro has no single sign-on: its settings show the
 * upgrade prompt naming Team. A second workspace whose trial ended is read-only (its banner, and a
 * write answered with the prompt); one suspended for unpaid invoices shows that banner.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import Stripe from 'stripe';
import { syncPlans } from '../scripts/billing-sync-lib.ts';
import { localStripeKeys, localStripePort } from '../scripts/stack.ts';
import { seriousAccessibilityViolations } from '../scripts/browser.ts';
import { asWorkspace, button, confirmEmail, createWorkspace, field, screenshotsAtBothSizes, signUp, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const person = { name: 'Bill Payer', email: `billing-${run}@example.com`, password: `paid in full ${run}` };
const workspace = { name: `Billing ${run}`, slug: `billing-${run}` };
const billingPage = `/w/${workspace.slug}/settings/billing`;
const expired = { name: `Expired ${run}`, slug: `expired-${run}` };
let subscriptionId = '';
let failedInvoiceId = '';

/** The stack's local Stripe (scripts/stack.ts). */
const stripeUrl = (baseUrl: string) => `http://127.0.0.1:${localStripePort(Number(new URL(baseUrl).port))}`;

async function control(baseUrl: string, path: string, method = 'POST'): Promise<any> {
  const response = await fetch(`${stripeUrl(baseUrl)}/__control${path}`, { method });
  assert.equal(response.status, 200, `control ${path}: ${response.status}`);
  return response.json();
}

/** Reloads the billing page until `ready` holds (the plan comes from the API, read fresh on each load). */
async function reloadUntil(page: Page, ready: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.goto(billingPage);
    await page.getByTestId('plan-summary').waitFor();
    if (await ready()) return;
    await page.waitForTimeout(1000);
  }
  assert.fail(`the billing page never showed ${what}`);
}

async function noViolations(page: Page, where: string): Promise<void> {
  assert.deepEqual(await seriousAccessibilityViolations(page), [], `accessibility of ${where}`);
}

const screenshots = (page: Page, name: string) => screenshotsAtBothSizes(page, `billing-${name}`);

export const scenario: Step[] = [
  {
    name: 'the plans are synced to the local Stripe; a new workspace is on its trial with a countdown',
    async run({ page, baseUrl }) {
      const stripe = new Stripe(localStripeKeys.secretKey, {
        host: '127.0.0.1',
        port: Number(new URL(stripeUrl(baseUrl)).port),
        protocol: 'http',
        maxNetworkRetries: 0,
      });
      await syncPlans(stripe);
      await signUp(page, person);
      await confirmEmail(page, baseUrl, person.email);
      await page.goto('/workspaces/new');
      await createWorkspace(page, workspace);
      const banner = page.getByTestId('trial-banner');
      assert.match(await banner.innerText(), /14 days left in your Team trial/);
      await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('link', { name: 'Billing', exact: true }).click();
      await page.waitForURL(`**${billingPage}`);
      assert.equal(await page.getByTestId('current-plan').innerText(), 'Team');
      assert.match(await page.getByTestId('trial-countdown').innerText(), /^14 days left/);
      await page.getByTestId('usage-chart').getByRole('listitem').first().waitFor();
      await noViolations(page, 'the billing page on a trial');
      await screenshots(page, 'trial');
    },
  },
  {
    name: 'upgrades to Pro (yearly toggle back to monthly) through hosted Checkout; the plan changes only when the webhook arrives',
    async run({ page, baseUrl }) {
      const yearly = page.getByRole('button', { name: 'Yearly', exact: true });
      await yearly.click();
      assert.equal(await yearly.getAttribute('aria-pressed'), 'true');
      assert.match(await page.getByTestId('plan-pro').innerText(), /per year/);
      await page.getByRole('button', { name: 'Monthly', exact: true }).click();
      assert.match(await page.getByTestId('plan-pro').innerText(), /per month/);

      // Webhooks are held: coming back on the success URL must not be what grants the plan.
      await control(baseUrl, '/hold');
      await button(page, 'Choose Pro').click();
      await page.waitForURL(`${stripeUrl(baseUrl)}/checkout/**`);
      assert.match(await page.locator('main').innerText(), /Pro × 1: 29\.00 USD \/ month/);
      await button(page, 'Pay and subscribe').click();
      await page.waitForURL(`**${billingPage}?checkout=success`);
      const notice = page.getByTestId('checkout-return');
      assert.match(await notice.innerText(), /Stripe is confirming the payment/);
      await page.waitForTimeout(3000);
      assert.equal(await page.getByTestId('current-plan').innerText(), 'Team', 'nothing granted before the webhook');
      assert.match(await notice.innerText(), /Stripe is confirming the payment/);

      const held = (await control(baseUrl, '/deliveries', 'GET')).data as Array<{ type: string }>;
      assert.ok(
        held.some((d) => d.type === 'checkout.session.completed'),
        'Stripe sent checkout.session.completed',
      );
      await control(baseUrl, '/resume');
      await control(baseUrl, '/release');
      // The page re-reads the plan by itself until the webhook has been applied.
      await page.getByTestId('checkout-return').getByText('this workspace is on the Pro plan').waitFor({ timeout: 30_000 });
      await page.getByTestId('current-plan').getByText('Pro', { exact: true }).waitFor();
      await page.getByTestId('plan-summary').getByText('Active', { exact: true }).waitFor();
      await page
        .getByTestId('plan-summary')
        .getByText(/\$29\.00 on /)
        .waitFor();
      assert.equal(await page.getByTestId('trial-banner').count(), 0, 'no trial banner once subscribed');
      await noViolations(page, 'the billing page on Pro');
      await screenshots(page, 'pro');

      const events = (await control(baseUrl, '/events', 'GET')).data as Array<{ type: string; data: { object: any } }>;
      const created = events.filter((e) => e.type === 'customer.subscription.created').at(-1);
      assert.ok(created, 'a subscription was created');
      subscriptionId = created.data.object.id as string;
    },
  },
  {
    name: 'the next invoice fails with a declined card: the past-due banner appears',
    async run({ page, baseUrl }) {
      await control(baseUrl, '/fail-next-invoice');
      const renewed = await control(baseUrl, `/subscriptions/${subscriptionId}/renew`);
      assert.equal(renewed.status, 'past_due');
      failedInvoiceId = renewed.latest_invoice as string;
      await reloadUntil(page, async () => (await page.getByTestId('past-due-banner').count()) > 0, 'the past-due banner');
      assert.match(await page.getByTestId('past-due-banner').innerText(), /The last payment failed/);
      await page.getByTestId('plan-summary').getByText('Past due', { exact: true }).waitFor();
      await noViolations(page, 'the billing page past due');
      await screenshots(page, 'past-due');
    },
  },
  {
    name: 'the invoice is paid on retry: the workspace recovers and the banner goes',
    async run({ page, baseUrl }) {
      const invoice = await control(baseUrl, `/invoices/${failedInvoiceId}/retry?outcome=pay`);
      assert.equal(invoice.status, 'paid');
      await reloadUntil(page, async () => (await page.getByTestId('past-due-banner').count()) === 0, 'the past-due banner gone');
      await page.getByTestId('plan-summary').getByText('Active', { exact: true }).waitFor();
      assert.equal(await page.getByTestId('current-plan').innerText(), 'Pro');
    },
  },
  {
    name: '“Manage billing” opens the hosted portal with the subscription and its invoices',
    async run({ page, baseUrl }) {
      await button(page, 'Manage billing').click();
      await page.waitForURL(`${stripeUrl(baseUrl)}/portal/**`);
      const portal = await page.locator('main').innerText();
      assert.match(portal, /pro_monthly: active/);
      assert.match(portal, /paid/);
      await page.getByRole('link', { name: 'Return' }).click();
      await page.waitForURL(`**${billingPage}`);
    },
  },
  {
    name: 'single sign-on needs Team: on Pro, saving a connection shows the upgrade prompt naming Team, not an error',
    async run({ page }) {
      await page.goto(`/w/${workspace.slug}/settings/sso`);
      await field(page, 'Issuer URL').fill('https://idp.example.com');
      await field(page, 'Client ID').fill('edge-saas');
      await field(page, 'Client secret').fill('not checked before the plan');
      await button(page, 'Save connection').click();
      const prompt = page.getByTestId('upgrade-prompt');
      await prompt.waitFor();
      assert.match(await prompt.innerText(), /Upgrade to Team to use this/);
      assert.match(await prompt.innerText(), /Single sign-on needs the Team plan/);
      assert.equal(await page.getByRole('alert').count(), 0, 'no bare error');
      await noViolations(page, 'the upgrade prompt');
      await screenshots(page, 'upgrade-prompt');
      await prompt.getByRole('link', { name: 'See Team' }).click();
      await page.waitForURL(`**${billingPage}`);
    },
  },
  {
    name: 'a workspace whose trial ended is read-only: the banner says so, and an invite is answered with the prompt',
    async run({ page }) {
      await page.goto('/workspaces/new');
      await createWorkspace(page, expired);
      await asWorkspace(
        expired.slug,
        `update workspace_trial set started_at = now() - interval '20 days', ends_at = now() - interval '1 day' where workspace_id = $1`,
      );
      await page.goto(`/w/${expired.slug}/members`);
      const banner = page.getByTestId('read-only-banner');
      await banner.waitFor();
      assert.match(await banner.innerText(), /Your trial has ended\. This workspace is read-only\./);
      await page.getByLabel('Email address', { exact: true }).fill(`colleague-${run}@example.com`);
      await button(page, 'Send invitation').click();
      const prompt = page.getByTestId('upgrade-prompt');
      await prompt.waitFor();
      assert.match(await prompt.innerText(), /Your trial has ended: choose a plan/);
      await noViolations(page, 'the read-only banner');
      await screenshots(page, 'read-only');

      // The audit-log export, refused for the plan, is the same prompt.
      await page.goto(`/w/${expired.slug}/settings`);
      await button(page, 'Export the audit log').click();
      await page.getByTestId('audit-export').getByTestId('upgrade-prompt').waitFor();

      await page.goto(`/w/${expired.slug}/settings/billing`);
      await button(page, 'Extend the trial by 7 days').click();
      await page.getByTestId('trial-banner').waitFor();
      assert.match(await page.getByTestId('trial-banner').innerText(), /7 days left/);
      assert.equal(await button(page, 'Extend the trial by 7 days').count(), 0, 'the extension is taken once');
    },
  },
  {
    name: 'a suspended workspace shows the suspension banner with the way to billing',
    async run({ page }) {
      await asWorkspace(expired.slug, 'update workspace set suspended_at = now() where id = $1');
      await page.goto(`/w/${expired.slug}/members`);
      const banner = page.getByTestId('suspended-banner');
      await banner.waitFor();
      await banner.getByRole('link', { name: 'Billing' }).waitFor();
      await noViolations(page, 'the suspended banner');
      await screenshots(page, 'suspended');
    },
  },
];
