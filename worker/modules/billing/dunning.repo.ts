import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HttpDb, Tx } from '../../db/gateway.ts';
import { membership, workspace } from '../../db/schema.ts';
import { type DunningStep, dunningStep } from './billing.tables.ts';

// Dunning runs as the owner: the provider event's consumer with the workspace in context, the
// escalation job across workspaces (`dunning_step_system`), then inside each one.

/** Records a step once; true when this call recorded it (a replay or a second run gets false). */
export async function recordStep(tx: Tx, row: { workspaceId: string; invoiceId: string; step: DunningStep; attempt?: number }) {
  const rows = await tx
    .insert(dunningStep)
    .values({ ...row, attempt: row.attempt ?? 0 })
    .onConflictDoNothing()
    .returning({ step: dunningStep.step });
  return rows.length > 0;
}

export const reverseOpenSteps = (tx: Tx, workspaceId: string) =>
  tx
    .update(dunningStep)
    .set({ reversedAt: sql`now()` })
    .where(and(eq(dunningStep.workspaceId, workspaceId), isNull(dunningStep.reversedAt)))
    .returning({ step: dunningStep.step });

/**
 * Open cases due for escalation: per workspace, the invoice and the first failure still open, when
 * it is older than `days`. Across workspaces.
 */
export const selectOpenCases = (db: HttpDb) =>
  db
    .select({
      workspaceId: dunningStep.workspaceId,
      invoiceId: sql<string>`min(${dunningStep.invoiceId})`,
      failedSince: sql<Date>`min(${dunningStep.createdAt})`,
    })
    .from(dunningStep)
    .where(and(eq(dunningStep.step, 'payment_failed'), isNull(dunningStep.reversedAt)))
    .groupBy(dunningStep.workspaceId);

/** Suspends the workspace (the existing read-only suspension); false if it already was. */
export async function suspend(tx: Tx, workspaceId: string) {
  const rows = await tx
    .update(workspace)
    .set({ suspendedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(workspace.id, workspaceId), isNull(workspace.suspendedAt)))
    .returning({ id: workspace.id });
  return rows.length > 0;
}

export const unsuspend = (tx: Tx, workspaceId: string) =>
  tx.update(workspace).set({ suspendedAt: null, updatedAt: sql`now()` }).where(eq(workspace.id, workspaceId));

/** Schedules deletion through the existing soft delete (restorable for the grace period). */
export const softDelete = (tx: Tx, workspaceId: string) =>
  tx
    .update(workspace)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(workspace.id, workspaceId), isNull(workspace.deletedAt)));

export const restore = (tx: Tx, workspaceId: string) =>
  tx.update(workspace).set({ deletedAt: null, updatedAt: sql`now()` }).where(eq(workspace.id, workspaceId));

/** The workspace's name, slug and its owners' addresses (through the directory, members only). */
export async function ownersToTell(tx: Tx, workspaceId: string) {
  const [ws] = await tx.select({ name: workspace.name, slug: workspace.slug }).from(workspace).where(eq(workspace.id, workspaceId));
  const owners = await tx.execute(sql`select d.email from app_private.workspace_directory() d
    join ${membership} m on m.user_id = d.user_id and m.workspace_id = ${workspaceId} where m.role = 'owner'`);
  return { workspace: ws ?? null, emails: (owners.rows as Array<{ email: string }>).map((r) => r.email) };
}
