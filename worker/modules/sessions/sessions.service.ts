import type { TenantGateway } from '../../db/tenant-gateway.ts';
import type { Scope } from '../../db/tenant.ts';
import type { Actor } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import { requirePublicId, toPublicId } from '../../kernel/ids.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { deviceLabel } from './sessions.device.ts';
import * as repo from './sessions.repo.ts';

type Person = Extract<Actor, { type: 'user' }> & { sessionId: string };

/**
 * Sessions belong to a person signed in with one: an API key (a workspace credential) may not see
 * or end them, nor may a token, which is not a session.
 */
function personOf(scope: Scope): Person {
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  const { sessionId } = scope.actor;
  if (sessionId === null) throw new AppError('FORBIDDEN', 'Managing sessions needs a browser session, not a token');
  return { ...scope.actor, sessionId };
}

const toDto = (
  s: { id: string; ip: string | null; userAgent: string | null; createdAt: Date; lastSeenAt: Date },
  currentSessionId: string,
) => ({
  id: toPublicId('session', s.id),
  device: deviceLabel(s.userAgent),
  ip: s.ip,
  created_at: s.createdAt.toISOString(),
  last_seen_at: s.lastSeenAt.toISOString(),
  current: s.id === currentSessionId,
});

/** One round trip: the credential check and the list travel together. */
export async function listSessions(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectActiveSessions(http));
  const person = personOf(scope);
  return { items: result.map((s) => toDto(s, person.sessionId)) };
}

/** Ends one of the caller's sessions. Someone else's id is answered exactly like a missing one. */
export async function revokeSession(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = requirePublicId('session', publicId, 'Session');
  await gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    if (!(await repo.revokeSession(tx, id))) throw new AppError('NOT_FOUND', 'Session not found');
    await recordAudit(
      tx,
      { workspaceId: null, actor: person, action: 'session.revoked', target: { type: 'session', id }, metadata: { current: id === person.sessionId } },
      context,
    );
  });
}

/** Ends every session of the caller except the one making this request. */
export async function revokeOtherSessions(gateway: TenantGateway, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    const revoked = await repo.revokeSessionsExcept(tx, person.sessionId);
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: 'session.revoked_others',
        target: { type: 'user', id: person.userId },
        metadata: { revoked: revoked.length, session_ids: revoked.map((r) => r.id) },
      },
      context,
    );
    return { revoked: revoked.length };
  });
}
