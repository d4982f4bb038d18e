import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import type { InboxMessage } from '../../kernel/mailer.ts';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { untilMailSettled } from '../../test/inbox.ts';
import { inviteTokenFor, newAddress, signUpAs } from '../members/members.test-helpers.ts';

/**
 * Sends the workspace's outbox events of `type` to their consumers, as the queue would, and waits for
 * them: what the notification consumers do is then in the database and the dev inbox. A repeat is a
 * redelivery (the consumers' ledger keeps one effect).
 */
export async function dispatch(workspaceId: string, type: string): Promise<PublishedEvent[]> {
  const rows = (await inspectSql()`
    select id, type, version, workspace_id, occurred_at, payload from outbox_event
    where type = ${type} and workspace_id = ${workspaceId} order by occurred_at`) as Array<PublishedEvent & { occurred_at: string | Date }>;
  const events = rows.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() }));
  for (const event of events) {
    // The relay after the request may be consuming the same event at this moment: then this delivery
    // waits on its ledger row and is retried, as the queue would, until one of them has committed.
    for (let attempt = 1; ; attempt++) {
      const message = delivery(envelope('events.dispatch', event));
      const result = await runBatch([message]);
      if (result.explicitAcks.includes(message.id)) break;
      if (attempt === 10) throw new Error(`events.dispatch of ${event.type} was not acknowledged: ${JSON.stringify(result)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return events;
}

/** Someone invited by the owner who accepts: the workspace's `members.changed` (joined) is in the outbox. */
export async function joins(slug: string, ownerCookie: string, role: 'member' | 'admin' = 'member', name = 'Grace Hopper') {
  const email = newAddress();
  const person = await signUpAs(email, name);
  const invited = await call('POST', `/api/v1/w/${slug}/invites`, { cookie: ownerCookie, body: { email, role } });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${invited.text}`);
  const accepted = await call('POST', `/api/v1/invites/${await inviteTokenFor(email)}/accept`, { cookie: person.cookie });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
  return person;
}

export const inboxOf = async (cookie: string, slug: string, query = '') =>
  call('GET', `/api/v1/w/${slug}/notifications${query}`, { cookie });

/**
 * The notification mails sent to `to`, newest first, once the `mail.send` job has settled every mail
 * the outbox holds for them: the consumers and the digest only write the mail, and the queue sends it
 * after their transaction. An empty list therefore means no notification mail was written.
 */
export async function notificationMails(to: string): Promise<InboxMessage[]> {
  await untilMailSettled(to);
  const res = await call('GET', `/api/dev/inbox?to=${encodeURIComponent(to)}`);
  return (res.json.data as InboxMessage[]).filter((m) => m.tag === 'notification' || m.tag === 'notification-digest');
}

/** The row uuid of a person's notifications of `kind` in a workspace, with their digest state. */
export async function rowsOf(workspaceId: string, personId: string, kind: string) {
  return (await inspectSql()`
    select id, in_app, digest_pending, read_at from notification
    where workspace_id = ${workspaceId} and person_id = ${personId} and kind = ${kind}`) as Array<{
    id: string;
    in_app: boolean;
    digest_pending: boolean;
    read_at: string | null;
  }>;
}
