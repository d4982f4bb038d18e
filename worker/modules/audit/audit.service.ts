import { type SQL, sql } from 'drizzle-orm';
import type { QueryBuilder } from '../../db/client.ts';
import type { Tx } from '../../db/tenant.ts';
import { type Actor, actorId } from '../../kernel/actor.ts';
import { newUuid } from '../../kernel/ids.ts';

export interface AuditContext {
  /** Null for work no client asked for (scheduled jobs). */
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export interface AuditEntry {
  workspaceId: string | null;
  actor: Actor | { type: 'anonymous' };
  action: string;
  target?: { type: string; id: string };
  metadata?: Record<string, unknown>;
}

function auditValues(entry: AuditEntry, context: AuditContext) {
  return {
    id: newUuid(),
    workspaceId: entry.workspaceId,
    actorType: entry.actor.type,
    actorId: entry.actor.type === 'anonymous' ? null : actorId(entry.actor),
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: context.ip,
    userAgent: context.userAgent,
    requestId: context.requestId,
    metadata: entry.metadata ? JSON.stringify(entry.metadata) : null,
  };
}

/**
 * The insert as one SQL text rather than through the query builder: an entry rides along most
 * writes, and building the statement is then the cost (a quarter of the builder's time). The columns
 * are those of `auditLog`; `created_at` takes its default (docs/decisions/074-statements-that-ride-along-every-write.md).
 */
function auditInsert(entry: AuditEntry, context: AuditContext): SQL {
  const v = auditValues(entry, context);
  return sql`insert into audit_log (id, workspace_id, actor_type, actor_id, action, target_type, target_id, ip, user_agent, request_id, metadata)
    values (${v.id}, ${v.workspaceId}, ${v.actorType}, ${v.actorId}, ${v.action}, ${v.targetType}, ${v.targetId}, ${v.ip}, ${v.userAgent}, ${v.requestId}, ${v.metadata})`;
}

/** Appends an entry to the audit log inside the caller's transaction. The database refuses updates and deletes on it. */
export async function recordAudit(tx: Tx, entry: AuditEntry, context: AuditContext): Promise<void> {
  await tx.execute(auditInsert(entry, context));
}

/**
 * The insert of an entry as a statement, for callers that send it in one batch with their own
 * statements (one round trip) rather than in an interactive transaction.
 */
export function auditStatement(db: QueryBuilder, entry: AuditEntry, context: AuditContext) {
  return db.execute(auditInsert(entry, context));
}
