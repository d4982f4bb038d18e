import { system } from '../../db/gateway.ts';
import type { Role } from '../../kernel/actor.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import { newUuid } from '../../kernel/ids.ts';
import { sendNotificationMail } from './notification-mail.ts';
import { notificationIds } from './notifications.ids.ts';
import { emailIsMandatory, requireKind } from './notifications.kinds.ts';
import * as repo from './notifications.repo.ts';
import type { ConsumerDeps } from '../module.ts';

export interface NotificationRequest {
  /** A kind a module declares in its manifest. */
  kind: string;
  /** The members to tell: those with one of these roles, or the one person; never `except`. */
  to: { roles: readonly Role[] } | { person: string };
  except?: string | null | undefined;
  /** The sentence the inbox and the email show. */
  text: string;
  /** Where the app shows what it is about (a path of the web app). */
  link: string;
  /** Ids the web app may use; nothing a recipient's role may not see. */
  data?: Record<string, string>;
}

/**
 * Turns one published event into notifications, inside the consumer's transaction (the owner, with
 * the event's workspace in context). For each recipient, by their preferences: an inbox row when the
 * inbox is on; the email now, or, for a chatty kind, a place in the next digest (unless it reached the
 * person live, once committed). A redelivered event adds no second row (one per event, person and kind).
 */
export async function notify(event: PublishedEvent, deps: ConsumerDeps, request: NotificationRequest): Promise<void> {
  const kind = requireKind(request.kind);
  const only = 'person' in request.to ? request.to.person : null;
  const roles = 'roles' in request.to ? request.to.roles : null;
  const members = await repo.selectRecipients(deps.tx, request.kind, roles, only, event.occurred_at);
  const recipients = members.filter((r) => r.personId !== request.except);
  if (recipients.length === 0) return;
  const payload = { text: request.text, link: request.link, ...request.data };
  const plans = recipients.map((r) => {
    const inApp = r.inAppEnabled ?? true;
    const email = !kind.ownEmail && (emailIsMandatory(kind) || (r.emailEnabled ?? true));
    return { recipient: r, inApp, emailNow: email && !kind.chatty, digest: email && kind.chatty === true };
  });
  const rows = plans
    .filter((p) => p.inApp || p.digest)
    .map((p) => ({
      id: newUuid(),
      workspaceId: event.workspace_id,
      personId: p.recipient.personId,
      kind: request.kind,
      payload,
      eventId: event.id,
      inApp: p.inApp,
      digestPending: p.digest,
    }));
  const inserted = rows.length > 0 ? await repo.insertNotifications(deps.tx, rows) : [];
  const live = rows.filter((r) => r.inApp && inserted.some((i) => i.id === r.id));
  if (live.length > 0) deps.afterCommit(() => pushLive(deps, event.workspace_id, kind.chatty === true, live));
  for (const plan of plans.filter((p) => p.emailNow)) {
    await sendNotificationMail(deps, deps.tx, {
      to: { personId: plan.recipient.personId, email: plan.recipient.email },
      workspace: { id: event.workspace_id, name: plan.recipient.workspaceName },
      kindName: request.kind,
      kind,
      lines: [request.text],
      link: request.link,
    });
  }
}

/**
 * The seam for the realtime hub, after commit, so a client that refetches on the push finds the row:
 * each new inbox row is offered to the person's open connections. A chatty one that reached someone
 * live leaves the digest (a digest that runs in between may still list it). Without a hub
 * (`services.livePush` absent) nothing is pushed and the web app finds the row on its next fetch.
 */
async function pushLive(deps: ConsumerDeps, workspaceId: string, chatty: boolean, rows: Array<{ id: string; personId: string }>) {
  const realtime = deps.services?.livePush;
  if (!realtime) return;
  const seen: string[] = [];
  for (const row of rows) {
    if (await realtime.pushTo(row.personId, workspaceId, { kind: 'notification', id: notificationIds.toPublic(row.id) })) seen.push(row.id);
  }
  if (chatty && seen.length > 0) await system(deps.db, { role: 'owner', workspace: workspaceId }).query((q) => repo.clearDigest(q, seen));
}
