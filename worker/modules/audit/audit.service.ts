import type { QueryBuilder } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
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

export function auditValues(entry: AuditEntry, context: AuditContext) {
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
    metadata: entry.metadata ?? null,
  };
}

/** Appends an entry to the audit log inside the caller's transaction. The database refuses updates and deletes on it. */
export async function recordAudit(tx: Tx, entry: AuditEntry, context: AuditContext): Promise<void> {
  await tx.insert(auditLog).values(auditValues(entry, context));
}

/**
 * The insert of an entry as a statement, for callers that send it in one batch with their own
 * statements (one round trip) rather than in an interactive transaction.
 */
export function auditStatement(db: QueryBuilder, entry: AuditEntry, context: AuditContext) {
  return db.insert(auditLog).values(auditValues(entry, context));
}
