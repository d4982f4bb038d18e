import { type Database, system, type TransactionSession } from '../../db/gateway.ts';
import type { Actor } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, type AuditEntry, recordAudit } from '../audit/audit.service.ts';
import * as repo from './user-status.repo.ts';

/**
 * Disables an account: from the next request on, every credential of the person (sessions, access
 * and refresh tokens, personal access tokens, API keys they created) is refused with
 * ACCOUNT_DISABLED — credential resolution checks `disabled_at` in the same statement. Sessions and
 * token families are also revoked, so enabling the account later does not revive a sign-in made
 * before (a stolen one, perhaps); personal access tokens and API keys resume on enabling.
 * For an operator or an admin tool: `by` is who decided it.
 */
export async function disableUser(db: Database, userId: string, by: Actor, context: AuditContext, reason?: string) {
  return system(db, { role: 'owner' }).interactive(async (tx, session) => {
    if (!(await repo.setDisabled(tx, userId, true))) throw new AppError('CONFLICT', 'No such active, enabled account');
    const revoked = await repo.revokeEverySignIn(tx, userId, 'user_disabled');
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: await auditActor(session, by),
        action: 'user.disabled',
        target: { type: 'user', id: userId },
        metadata: {
          by: actorLabel(by),
          ...(reason ? { reason } : {}),
          revoked_sessions: revoked.sessions,
          revoked_token_families: revoked.tokenFamilies,
        },
      },
      context,
    );
    return revoked;
  });
}

/** Enables a disabled account; the person signs in again (their sessions and token families stay revoked). */
export async function enableUser(db: Database, userId: string, by: Actor, context: AuditContext) {
  await system(db, { role: 'owner' }).interactive(async (tx, session) => {
    if (!(await repo.setDisabled(tx, userId, false))) throw new AppError('CONFLICT', 'No such disabled account');
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: await auditActor(session, by),
        action: 'user.enabled',
        target: { type: 'user', id: userId },
        metadata: { by: actorLabel(by) },
      },
      context,
    );
  });
}

/**
 * Account entries may name only the person in the transaction's user context (the audit log's
 * policy); a person deciding is recorded as the actor, anyone else in `metadata.by` alone.
 */
async function auditActor(session: TransactionSession, by: Actor): Promise<AuditEntry['actor']> {
  if (by.type !== 'user') return { type: 'anonymous' };
  await session.actAsPerson(by.userId);
  return by;
}

function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case 'system':
      return `system:${actor.reason}`;
    case 'user':
      return `user:${actor.userId}`;
    case 'api_key':
      return `api_key:${actor.apiKeyId}`;
  }
}
