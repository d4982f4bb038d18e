import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/gateway.ts';
import type { Role } from '../../kernel/actor.ts';
import { currentWorkspaceId, membership, user, workspace } from '../../db/schema.ts';
import { notification, notificationPreference } from './notifications.tables.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

// No person or workspace filter is written for the inbox: RLS shows the request role only the
// signed-in person's rows of the workspace in context (policies notification_tenant and notification_own).

const inboxColumns = {
  id: notification.id,
  kind: notification.kind,
  payload: notification.payload,
  readAt: notification.readAt,
  createdAt: notification.createdAt,
};

const newestFirst: Keyset = { value: notification.createdAt, id: notification.id, type: 'timestamptz', direction: 'desc' };

/** One page of the inbox, newest first. */
export function selectPage(db: HttpDb, params: { unread: boolean; after: Position | null; limit: number }) {
  const filters: SQL[] = [eq(notification.inApp, true), after(newestFirst, params.after)];
  if (params.unread) filters.push(isNull(notification.readAt));
  return db
    .select({ ...inboxColumns, sortValue: sortValue(newestFirst) })
    .from(notification)
    .where(and(...filters))
    .orderBy(keysetOrder(newestFirst))
    .limit(params.limit + 1);
}

export const countUnread = (db: HttpDb) =>
  db
    .select({ count: sql<number>`count(*)::int` })
    .from(notification)
    .where(and(eq(notification.inApp, true), isNull(notification.readAt)));

/** Marks one read (a second time keeps the first time); answers the row, or nothing when it is not the person's. */
export const markRead = (tx: QueryBuilder, id: string) =>
  tx
    .update(notification)
    .set({ readAt: sql`coalesce(${notification.readAt}, now())` })
    .where(and(eq(notification.id, id), eq(notification.inApp, true)))
    .returning(inboxColumns);

/** Rows kept only for a digest (inbox off) are not the inbox's to mark: they still go out by email. */
export const markAllRead = (db: QueryBuilder) =>
  db
    .update(notification)
    .set({ readAt: sql`now()` })
    .where(and(eq(notification.inApp, true), isNull(notification.readAt)))
    .returning({ id: notification.id });

export const selectPreferences = (db: QueryBuilder) => db.select().from(notificationPreference);

export type PreferenceRow = typeof notificationPreference.$inferSelect;

/** Sets one preference (the person and workspace come from the context the policies check). */
export const upsertPreference = (db: QueryBuilder, row: typeof notificationPreference.$inferInsert) =>
  db
    .insert(notificationPreference)
    .values(row)
    .onConflictDoUpdate({
      target: [
        notificationPreference.workspaceId,
        notificationPreference.personId,
        notificationPreference.kind,
        notificationPreference.channel,
      ],
      // A change that names no digest keeps the one chosen before.
      set: { enabled: row.enabled, digest: sql`coalesce(excluded.digest, ${notificationPreference.digest})`, updatedAt: new Date() },
    })
    .returning();

/**
 * The live members of the workspace in context with the given roles (all when none given), with their
 * preferences for `kind`. With `memberSince`, only those who were members then: someone who joined
 * after an event (an invitee, once they accepted) is not told about it.
 */
export function selectRecipients(db: QueryBuilder, kind: string, roles: readonly Role[] | null, only: string | null, memberSince?: string) {
  // Memberships are not held to the workspace for the owner (identity reads cross them): name it.
  const filters: SQL[] = [sql`${membership.workspaceId} = ${currentWorkspaceId}`, isNull(user.deletedAt), isNull(workspace.deletedAt)];
  if (roles) filters.push(inArray(membership.role, [...roles]));
  if (only) filters.push(eq(membership.userId, only));
  if (memberSince) filters.push(sql`${membership.createdAt} <= ${memberSince}::timestamptz`);
  return db
    .select({
      personId: membership.userId,
      email: user.email,
      workspaceName: workspace.name,
      workspaceSlug: workspace.slug,
      inAppEnabled: sql<boolean | null>`(select p.enabled from ${notificationPreference} p where p.workspace_id = ${membership.workspaceId}
        and p.person_id = ${membership.userId} and p.kind = ${kind} and p.channel = 'in_app')`,
      emailEnabled: sql<boolean | null>`(select p.enabled from ${notificationPreference} p where p.workspace_id = ${membership.workspaceId}
        and p.person_id = ${membership.userId} and p.kind = ${kind} and p.channel = 'email')`,
    })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .innerJoin(workspace, eq(workspace.id, membership.workspaceId))
    .where(and(...filters));
}

export const insertNotifications = (db: QueryBuilder, rows: Array<typeof notification.$inferInsert>) =>
  db.insert(notification).values(rows).onConflictDoNothing().returning({ id: notification.id, personId: notification.personId });

/** Rows that reached their person live need no digest. */
export const clearDigest = (db: QueryBuilder, ids: string[]) =>
  db.update(notification).set({ digestPending: false }).where(inArray(notification.id, ids));

/** The person's membership of the workspace in context, with the workspace's name (none once they left). */
export const selectMembershipName = (db: QueryBuilder, personId: string) =>
  db
    .select({ workspaceName: workspace.name })
    .from(membership)
    .innerJoin(workspace, eq(workspace.id, membership.workspaceId))
    .where(and(sql`${membership.workspaceId} = ${currentWorkspaceId}`, eq(membership.userId, personId), isNull(workspace.deletedAt)));

/** A member's name and address, for a sentence about them (the owner reads identity tables). */
export const selectPerson = (db: QueryBuilder, personId: string) =>
  db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, personId));

export const selectWorkspace = (db: QueryBuilder) =>
  db.select({ name: workspace.name, slug: workspace.slug }).from(workspace).where(sql`${workspace.id} = ${currentWorkspaceId}`);

/**
 * Who has chatty notifications waiting since before `app.digest_before`, across workspaces: run as the
 * owner with no workspace set, so the `notification_digest_due` policy alone admits rows.
 */
export const selectDigestDue = (q: HttpDb) =>
  q
    .selectDistinct({ workspaceId: notification.workspaceId, personId: notification.personId, kind: notification.kind })
    .from(notification)
    .limit(1000);

/** The person's email choices in the workspace in context. */
export const selectEmailPreferences = (db: QueryBuilder, personId: string) =>
  db
    .select({ kind: notificationPreference.kind, enabled: notificationPreference.enabled, digest: notificationPreference.digest })
    .from(notificationPreference)
    .where(and(eq(notificationPreference.personId, personId), eq(notificationPreference.channel, 'email')));

/**
 * Takes one kind's waiting rows of one person from before the start of the current hour or day (by the
 * database's clock): they leave the digest queue in the transaction that mails them, so a second run,
 * or one running at once, finds nothing to send. Read ones are left out: the person saw them.
 */
export const claimDigest = (db: QueryBuilder, personId: string, kind: string, unit: 'hour' | 'day') =>
  db
    .update(notification)
    .set({ digestPending: false })
    .where(
      and(
        eq(notification.personId, personId),
        eq(notification.kind, kind),
        eq(notification.digestPending, true),
        isNull(notification.readAt),
        sql`${notification.createdAt} < date_trunc(${unit}, now())`,
      ),
    )
    .returning({ payload: notification.payload, createdAt: notification.createdAt });
