import { and, eq, isNull, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { membership, personalExport, session, user, workspace } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

// Leaving runs as the request role inside one workspace; erasure runs as the owner role with the
// tenant context pointed at each workspace in turn. Either way RLS scopes the tenant tables.

// `membership_own_read` also shows the person's rows in other workspaces, so membership reads
// below name the workspace as well.

/**
 * Removes the person's membership of the workspace and says which it was (null when there was none).
 * Leaving calls it once the last-owner guard holds the owners' rows.
 */
export async function deleteOwnMembership(tx: Tx, workspaceId: string, userId: string) {
  const [row] = await tx
    .delete(membership)
    .where(and(eq(membership.workspaceId, workspaceId), eq(membership.userId, userId)))
    .returning({ id: membership.id, role: membership.role });
  return row ?? null;
}

/** The person's profile, locked for the erasure. */
export async function lockPerson(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: user.id, email: user.email, passwordHash: user.passwordHash, deletedAt: user.deletedAt })
    .from(user)
    .where(eq(user.id, userId))
    .for('update');
  return row ?? null;
}

/** The person's memberships in live workspaces (readable through `membership_own_read`). */
export async function selectPersonMemberships(tx: Tx, userId: string) {
  return (
    tx
      .select({ workspaceId: workspace.id, slug: workspace.slug, name: workspace.name, role: membership.role })
      .from(membership)
      .innerJoin(workspace, and(eq(workspace.id, membership.workspaceId), isNull(workspace.deletedAt)))
      .where(eq(membership.userId, userId))
      // The order owner rows are locked in across workspaces: the same for every deletion.
      .orderBy(workspace.name, workspace.id)
  );
}

/** How many others belong to the workspace. */
export async function countOtherMembers(tx: Tx, workspaceId: string, userId: string) {
  const [row] = await tx
    .select({ members: sql<number>`count(*)::int` })
    .from(membership)
    .where(and(eq(membership.workspaceId, workspaceId), sql`${membership.userId} <> ${userId}`));
  return row?.members ?? 0;
}

// Erasure steps, one statement each. Each returns how many rows it removed or changed.

export async function deleteSessionsOf(tx: Tx, userId: string) {
  const rows = await tx.delete(session).where(eq(session.userId, userId)).returning({ id: session.id });
  return rows.length;
}

export async function deletePersonalExportsOf(tx: Tx, userId: string) {
  return tx
    .delete(personalExport)
    .where(eq(personalExport.userId, userId))
    .returning({ id: personalExport.id, objectKey: personalExport.objectKey });
}

export async function deleteMembershipOf(tx: Tx, userId: string) {
  const rows = await tx.delete(membership).where(eq(membership.userId, userId)).returning({ id: membership.id });
  return rows.length;
}

export async function softDeleteWorkspace(tx: Tx, workspaceId: string) {
  const rows = await tx
    .update(workspace)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(workspace.id, workspaceId), isNull(workspace.deletedAt)))
    .returning({ id: workspace.id });
  return rows.length;
}

/**
 * Replaces what identifies the person and keeps the row, so audit entries still point at an id
 * whose owner reads as "Deleted user". The address is unique per id and can never receive mail
 * (`.invalid` is reserved); the empty hash matches no password.
 */
export async function anonymiseUser(tx: Tx, userId: string) {
  const rows = await tx
    .update(user)
    .set({
      email: sql`'deleted-' || ${user.id}::text || '@deleted.invalid'`,
      name: 'Deleted user',
      passwordHash: '',
      deletedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(user.id, userId), isNull(user.deletedAt)))
    .returning({ id: user.id });
  return rows.length;
}

/** Deletes every row of a person-owned table (credentials, factors, identities) that belongs to the person. */
export async function deleteRowsOwnedBy(tx: Tx, table: PgTable & { userId: PgColumn }, userId: string): Promise<number> {
  const rows = await tx.delete(table).where(eq(table.userId, userId)).returning({ userId: table.userId });
  return rows.length;
}
