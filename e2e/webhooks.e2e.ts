/**
 * A workspace's outgoing webhooks and failed jobs, from its settings: an endpoint at the stack's
 * local webhook receiver is added (its secret shown once, and it is the secret the requests are
 * signed with), sent a test event, its delivery replayed, its secret rotated, disabled, enabled and
 * deleted; then a failed background job is retried from the failed-jobs page.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import pg from 'pg';
import { webhookReceiverPort } from '../scripts/stack.ts';
import { setContextText } from '../worker/db/context.ts';
import { button, confirmAlert, confirmEmail, createWorkspace, databaseUrl, field, signUp, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const person = { name: 'Wanda Webhooks', email: `webhooks-${run}@example.com`, password: `signed and delivered ${run}` };
const workspace = { name: `Hooks ${run}`, slug: `hooks-${run}` };
let secret = '';

const receiver = (baseUrl: string) => `http://127.0.0.1:${webhookReceiverPort(Number(new URL(baseUrl).port))}`;
const endpointUrl = (baseUrl: string) => `${receiver(baseUrl)}/hooks/ok/${run}`;

interface Received {
  headers: Record<string, string>;
  body: string;
}

async function received(baseUrl: string): Promise<Received[]> {
  const response = await fetch(`${receiver(baseUrl)}/__received/${run}`);
  return (await response.json()) as Received[];
}

/** The Standard Webhooks signature of one request, with the secret the page showed. */
function signedWith(secretShown: string, request: Received): boolean {
  const key = Buffer.from(secretShown.replace(/^whsec_/, ''), 'base64');
  const content = `${request.headers['webhook-id']}.${request.headers['webhook-timestamp']}.${request.body}`;
  const expected = `v1,${createHmac('sha256', key).update(content).digest('base64')}`;
  return (request.headers['webhook-signature'] ?? '').split(' ').includes(expected);
}

/** Clicks Refresh until the deliveries table has `count` rows that say `status`. */
async function waitForDeliveries(page: Page, status: string, count: number): Promise<void> {
  const rows = page.getByTestId('webhook-delivery-row').filter({ hasText: status });
  for (let i = 0; i < 40; i++) {
    if ((await rows.count()) >= count) return;
    await page.waitForTimeout(500);
    await button(page, 'Refresh').click();
  }
  assert.fail(`expected ${count} deliveries "${status}", found ${await rows.count()}`);
}

/** A job of the workspace that failed on its last attempt, as the queue consumer records one. */
async function seedJobFailure(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query('begin');
    const userId = (await client.query('select id from "user" where email = $1', [person.email])).rows[0]?.id as string;
    await client.query(setContextText('user_id'), [userId]);
    const workspaceId = (await client.query('select id from workspace where slug = $1', [workspace.slug])).rows[0]?.id as string;
    await client.query(setContextText('workspace_id'), [workspaceId]);
    await client.query(
      `insert into job_failure (id, workspace_id, message_id, job, version, payload, error, attempts)
       values (gen_random_uuid(), $1, gen_random_uuid()::text, 'events.purge', 1, '{}'::jsonb, 'Error: storage answered 503', 5)`,
      [workspaceId],
    );
    await client.query('commit');
  } finally {
    await client.end();
  }
}

export const scenario: Step[] = [
  {
    name: 'adds an endpoint from the workspace settings; its signing secret is shown once',
    async run({ page, baseUrl }) {
      await signUp(page, person);
      await createWorkspace(page, workspace);
      await confirmEmail(page, baseUrl, person.email);
      await page.goto(`/w/${workspace.slug}/settings`);
      await page.getByRole('navigation').getByRole('link', { name: 'Webhooks', exact: true }).click();
      await page.getByText('No webhook endpoints yet').waitFor();
      await button(page, 'Add endpoint').click();
      await page.getByText('Fill this in.', { exact: true }).waitFor();
      await field(page, 'Endpoint URL').fill(endpointUrl(baseUrl));
      await field(page, 'Description').fill('Local receiver');
      await button(page, 'Add endpoint').click();
      secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
      assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
      await button(page, 'I have copied the secret').click();
      await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('webhook-endpoint-row').count(), 1);
      await page.getByTestId('webhook-endpoint-row').getByText('All events').waitFor();
    },
  },
  {
    name: 'a test event reaches the receiver signed with that secret; the delivery log says so and replays it',
    async run({ page, baseUrl }) {
      await page.getByRole('link', { name: endpointUrl(baseUrl), exact: true }).click();
      await page.getByRole('heading', { name: endpointUrl(baseUrl) }).waitFor();
      await page.getByText('Nothing sent yet').waitFor();
      await button(page, 'Send test event').click();
      await waitForDeliveries(page, 'Delivered', 1);
      const first = await received(baseUrl);
      assert.equal(first.length, 1);
      assert.ok(first[0] && signedWith(secret, first[0]), 'the request is signed with the secret the page showed');

      await page
        .getByTestId('webhook-delivery-row')
        .getByRole('button', { name: /^Replay the / })
        .click();
      await waitForDeliveries(page, 'Delivered', 2);
      const both = await received(baseUrl);
      assert.equal(both.length, 2);
      assert.equal(both[1]?.headers['webhook-id'], both[0]?.headers['webhook-id'], 'a replay keeps the event id');
    },
  },
  {
    name: 'rotates the secret (the new one shown once), disables and enables the endpoint, then deletes it',
    async run({ page }) {
      await button(page, 'Rotate secret').click();
      await confirmAlert(page, 'Rotate secret');
      const rotated = (await page.getByTestId('webhook-secret').textContent()) ?? '';
      assert.match(rotated, /^whsec_/);
      assert.notEqual(rotated, secret);
      await button(page, 'I have copied the secret').click();
      await page.getByText('Previous secret accepted until').waitFor();

      await button(page, 'Disable').click();
      await confirmAlert(page, 'Disable');
      await page.getByText('Disabled', { exact: true }).waitFor();
      assert.equal(await button(page, 'Send test event').isDisabled(), true);
      await button(page, 'Enable').click();
      await page.getByText('Active', { exact: true }).waitFor();

      await button(page, 'Delete endpoint').click();
      await confirmAlert(page, 'Delete endpoint');
      await page.waitForURL(`**/w/${workspace.slug}/settings/webhooks`);
      await page.getByText('No webhook endpoints yet').waitFor();
    },
  },
  {
    name: 'the failed-jobs page lists a job that ran out of attempts and sends it again, once',
    async run({ page }) {
      await page.getByRole('navigation').getByRole('link', { name: 'Failed jobs', exact: true }).click();
      await page.getByText('No failed jobs').waitFor();
      await seedJobFailure();
      await page.reload();
      const row = page.getByTestId('job-failure-row');
      await row.getByText('Error: storage answered 503').waitFor();
      await row.getByRole('button', { name: 'Retry events.purge' }).click();
      await page.getByText('The job is queued again.').waitFor();
      await row.getByText('Retried').waitFor();
      assert.equal(await row.getByRole('button', { name: 'Retry events.purge' }).count(), 0);
    },
  },
];
