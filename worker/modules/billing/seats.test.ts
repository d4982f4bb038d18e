import { beforeAll, describe, expect, it } from 'vitest';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { inviteTokenFor, memberIdOf, newAddress, signUpAs } from '../members/members.test-helpers.ts';
import { applyEvent, deliver, stripeClient, subscribed, syncTestPlans, takeDeliveries } from './local-stripe.testing.ts';

beforeAll(() => syncTestPlans());

/** The workspace's `members.changed` outbox events, oldest first. */
async function membersChanged(workspaceId: string): Promise<PublishedEvent[]> {
  const rows = (await inspectSql()`
    select id, type, version, workspace_id, occurred_at, payload from outbox_event
    where type = 'members.changed' and workspace_id = ${workspaceId} order by occurred_at`) as Array<
    PublishedEvent & { occurred_at: string | Date }
  >;
  return rows.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() }));
}

const dispatch = (event: PublishedEvent) => runBatch([delivery(envelope('events.dispatch', event))]);

async function join(base: string, ownerCookie: string) {
  const email = newAddress();
  const person = await signUpAs(email);
  expect((await call('POST', `${base}/invites`, { cookie: ownerCookie, body: { email, role: 'member' } })).status).toBe(201);
  const accepted = await call('POST', `/api/v1/invites/${await inviteTokenFor(email)}/accept`, { cookie: person.cookie });
  expect(accepted.status, accepted.text).toBe(200);
  return person;
}

const stripeQuantity = async (subscriptionId: string) =>
  (await stripeClient().subscriptions.retrieve(subscriptionId)).items.data[0]?.quantity;

describe('seats follow members on the per-seat plan', () => {
  it('sets the Stripe quantity when an invitation is accepted and a member removed, through the outbox, once per event', async () => {
    const s = await subscribed('team');
    expect(await stripeQuantity(s.subscriptionId)).toBe(1);

    const person = await join(s.base, s.owner.cookie);
    const [joined, ...none] = await membersChanged(s.id);
    expect(none).toEqual([]);
    expect(joined?.payload).toEqual({ change: 'joined' });
    await takeDeliveries();
    // The queue delivers the event twice: one change at Stripe, one stored seat count.
    await dispatch(joined as PublishedEvent);
    await dispatch(joined as PublishedEvent);
    expect(await stripeQuantity(s.subscriptionId)).toBe(2);
    const updates = (await takeDeliveries()).filter((d) => d.type === 'customer.subscription.updated');
    expect(updates).toHaveLength(1);
    expect(await inspectSql()`select seats from subscription where provider_subscription_id = ${s.subscriptionId}`).toEqual([{ seats: 2 }]);

    // Stripe's own event about the change comes back and agrees.
    for (const d of updates) {
      expect((await deliver(d)).status).toBe(200);
      await applyEvent(d.event_id);
    }
    expect((await call('GET', `${s.base}/billing`, { cookie: s.owner.cookie })).json.subscription.seats).toBe(2);

    const memberId = await memberIdOf(s.owner.cookie, s.ws.slug, person.user.id);
    expect((await call('DELETE', `${s.base}/members/${memberId}`, { cookie: s.owner.cookie })).status).toBe(204);
    const removed = (await membersChanged(s.id))[1] as PublishedEvent;
    expect(removed.payload).toEqual({ change: 'removed' });
    await dispatch(removed);
    expect(await stripeQuantity(s.subscriptionId)).toBe(1);
  });

  it('follows a member who leaves on their own and one who deletes their account', async () => {
    const s = await subscribed('team');
    const leaver = await join(s.base, s.owner.cookie);
    const deleter = await join(s.base, s.owner.cookie);
    for (const event of await membersChanged(s.id)) await dispatch(event);
    expect(await stripeQuantity(s.subscriptionId)).toBe(3);

    expect((await call('POST', `${s.base}/leave`, { cookie: leaver.cookie })).status).toBe(204);
    const left = (await membersChanged(s.id))[2] as PublishedEvent;
    expect(left.payload).toEqual({ change: 'removed' });
    await dispatch(left);
    expect(await stripeQuantity(s.subscriptionId)).toBe(2);

    const deleted = await call('DELETE', '/api/v1/me', { cookie: deleter.cookie, body: { password: deleter.password } });
    expect(deleted.status, deleted.text).toBe(200);
    const gone = (await membersChanged(s.id))[3] as PublishedEvent;
    expect(gone.payload).toEqual({ change: 'removed' });
    await dispatch(gone);
    expect(await stripeQuantity(s.subscriptionId)).toBe(1);
    expect(await inspectSql()`select seats from subscription where provider_subscription_id = ${s.subscriptionId}`).toEqual([{ seats: 1 }]);
  });

  it('leaves a plan that is not per seat alone', async () => {
    const s = await subscribed('pro');
    await join(s.base, s.owner.cookie);
    await takeDeliveries();
    for (const event of await membersChanged(s.id)) await dispatch(event);
    expect(await stripeQuantity(s.subscriptionId)).toBe(1);
    expect((await takeDeliveries()).filter((d) => d.type === 'customer.subscription.updated')).toEqual([]);
  });
});
