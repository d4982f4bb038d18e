import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_ATTEMPTS } from '../../../queues/consumer.ts';
import { defineJob, JobRegistry } from '../../../queues/jobs.ts';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { mailFor, warmUpMailRendering } from '../../test/inbox.ts';
import { auditExportIds } from '../audit/audit.ids.ts';
import { deliverAndApplyAll, failNextInvoice, renewSubscription, subscribed, syncTestPlans } from '../billing/local-stripe.testing.ts';
import { workspaceWithRoles } from '../members/members.test-helpers.ts';
import { dispatch, inboxOf, notificationMails } from './notifications.test-helpers.ts';

beforeAll(async () => {
  await warmUpMailRendering();
  await syncTestPlans();
});

const kindsIn = async (cookie: string, slug: string) =>
  ((await inboxOf(cookie, slug)).json.items as Array<{ kind: string }>).map((n) => n.kind);

const outboxCount = async (workspaceId: string, type: string) =>
  (
    (await inspectSql()`select count(*)::int as n from outbox_event where workspace_id = ${workspaceId} and type = ${type}`) as Array<{
      n: number;
    }>
  )[0]?.n;

/** A job of the workspace that always fails, as a job with a broken dependency would. */
const failing = (name: string) =>
  defineJob({
    name,
    version: 1,
    payload: z.object({ workspace_id: z.uuid(), type: z.string().optional() }),
    workspaceOf: (payload) => payload.workspace_id,
    async handle() {
      throw new Error('storage answered 503');
    },
  });

describe('notifications from other modules’ events', { timeout: 120_000 }, () => {
  it('tells the person who asked for an audit log export that it is ready, once however often the job runs', async () => {
    const s = await workspaceWithRoles();
    const accepted = await call('POST', `/api/v1/w/${s.ws.slug}/audit-exports`, { cookie: s.admin.cookie });
    expect(accepted.status, accepted.text).toBe(202);
    const job = envelope('audit-log.export', { workspace_id: s.wsId, export_id: auditExportIds.parse(accepted.json.id) });
    expect((await runBatch([delivery(job)])).explicitAcks).toHaveLength(1);
    // A second run finds the export done and publishes nothing.
    expect((await runBatch([delivery(job)])).explicitAcks).toHaveLength(1);
    expect(await outboxCount(s.wsId, 'audit.export_ready')).toBe(1);

    await dispatch(s.wsId, 'audit.export_ready');
    const inbox = await inboxOf(s.admin.cookie, s.ws.slug);
    expect(inbox.json.items).toEqual([
      expect.objectContaining({ kind: 'audit.export_ready', link: `/w/${s.ws.slug}/settings`, read_at: null }),
    ]);
    expect(inbox.json.items[0].text).toMatch(/^Your audit log export of Team Space is ready to download \(\d+ entries\)$/);
    expect(await notificationMails(s.admin.email)).toEqual([expect.objectContaining({ subject: expect.stringContaining('Team Space') })]);
    // Only the one who asked: not the owner, nor anyone else.
    for (const person of [s.owner, s.member, s.viewer]) expect(await kindsIn(person.cookie, s.ws.slug)).toEqual([]);
  });

  it("tells the workspace's owners and admins when one of its jobs fails for good, once however often it is redelivered", async () => {
    const s = await workspaceWithRoles();
    const registry = new JobRegistry([failing('notifications-test.fails')]);
    const message = delivery(envelope('notifications-test.fails', { workspace_id: s.wsId }), MAX_ATTEMPTS);
    await runBatch([message], { registry });
    await runBatch([{ ...message, attempts: MAX_ATTEMPTS + 1 }], { registry });
    // An earlier attempt is retried, not announced.
    await runBatch([delivery(envelope('notifications-test.fails', { workspace_id: s.wsId }), MAX_ATTEMPTS - 1)], { registry });
    expect(await outboxCount(s.wsId, 'jobs.failed')).toBe(1);

    await dispatch(s.wsId, 'jobs.failed');
    for (const person of [s.owner, s.admin]) {
      expect((await inboxOf(person.cookie, s.ws.slug)).json.items).toEqual([
        expect.objectContaining({
          kind: 'job.failed',
          text: 'A background job (notifications-test.fails) failed in Team Space',
          link: `/w/${s.ws.slug}/settings/failed-jobs`,
        }),
      ]);
    }
    for (const person of [s.member, s.viewer]) expect(await kindsIn(person.cookie, s.ws.slug)).toEqual([]);
  });

  it('announces no failure of delivering a failure, which would announce itself again and again', async () => {
    const s = await workspaceWithRoles();
    const registry = new JobRegistry([failing('events.dispatch')]);
    await runBatch([delivery(envelope('events.dispatch', { workspace_id: s.wsId, type: 'jobs.failed' }), MAX_ATTEMPTS)], { registry });
    expect(await inspectSql()`select job from job_failure where workspace_id = ${s.wsId}`).toEqual([{ job: 'events.dispatch' }]);
    expect(await outboxCount(s.wsId, 'jobs.failed')).toBe(0);
    // Any other event's delivery that fails for good is announced.
    await runBatch([delivery(envelope('events.dispatch', { workspace_id: s.wsId, type: 'members.changed' }), MAX_ATTEMPTS)], { registry });
    expect(await outboxCount(s.wsId, 'jobs.failed')).toBe(1);
  });

  it('tells the owners in the app when a payment fails, once per attempt, with no mail beside dunning’s own', async () => {
    const s = await subscribed('pro');
    await failNextInvoice();
    await renewSubscription(s.subscriptionId);
    await deliverAndApplyAll();
    expect(await mailFor(s.owner.email, 'billing-payment-failed')).toHaveLength(1);
    expect(await outboxCount(s.id, 'billing.payment_failed')).toBe(1);

    await dispatch(s.id, 'billing.payment_failed');
    await dispatch(s.id, 'billing.payment_failed');
    const inbox = await inboxOf(s.owner.cookie, s.ws.slug);
    expect(inbox.json.items).toEqual([
      expect.objectContaining({
        kind: 'billing.payment_failed',
        text: `A payment for Acme failed (attempt 1); update the payment method to keep the plan`,
        link: `/w/${s.ws.slug}/settings`,
      }),
    ]);
    expect(await notificationMails(s.owner.email)).toEqual([]);
    // Billing mail cannot be turned off: the preference says so, and the dunning mail is it.
    const preferences = await call('GET', `${s.base}/notification-preferences`, { cookie: s.owner.cookie });
    expect(preferences.json.items).toContainEqual(
      expect.objectContaining({
        kind: 'billing.payment_failed',
        category: 'billing',
        email: { enabled: true, can_disable: false, digest: null },
      }),
    );
  });
});
