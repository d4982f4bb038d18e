import type { RealtimeNotices } from '../../kernel/realtime.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import type { Scope } from '../../db/tenant.ts';
import type { Actor } from '../../kernel/actor.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PageQuery } from '../router.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { deviceLabel } from './sessions.device.ts';
import * as repo from './sessions.repo.ts';
import { sessionIds } from './sessions.ids.ts';
import { tokenFamilyIds } from '../tokens/tokens.ids.ts';

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

type SignIn = {
  kind: repo.SignInKind;
  id: string;
  ip: string | null;
  userAgent: string | null;
  clientName: string | null;
  createdAt: Date;
  lastSeenAt: Date;
};

const toDto = (s: SignIn, currentSessionId: string) => ({
  id: (s.kind === 'browser' ? sessionIds : tokenFamilyIds).toPublic(s.id),
  kind: s.kind,
  device: deviceLabel(s.userAgent),
  client: s.clientName,
  ip: s.ip,
  created_at: s.createdAt.toISOString(),
  last_seen_at: s.lastSeenAt.toISOString(),
  current: s.kind === 'browser' && s.id === currentSessionId,
});

/**
 * Browser sessions and app sign-ins in one list, a page at a time, in one round trip with the
 * credential check: by last use, the session asking first within its page.
 */
export async function listSessions(gateway: TenantGateway, query: PageQuery, secret: string) {
  const after = await pagePosition(secret, 'sessions', query.cursor);
  const { scope, result } = await gateway.read((http) => repo.selectActiveSignIns(http, { after, limit: query.limit }));
  const person = personOf(scope);
  const page = await cursorPage(
    result,
    { secret, query: 'sessions', limit: query.limit, position: (s) => ({ value: s.sortValue, id: s.id }) },
    (s) => toDto(s, person.sessionId),
  );
  // Reordering within a page keeps the pages disjoint: the cursor is the last row by use.
  return { ...page, items: [...page.items.filter((s) => s.current), ...page.items.filter((s) => !s.current)] };
}

const notFound = () => new AppError('NOT_FOUND', 'Session not found');

/**
 * Ends one of the caller's sessions or app sign-ins, told apart by the id's prefix. Someone else's
 * id is answered exactly like a missing one.
 */
export async function revokeSession(gateway: TenantGateway, publicId: string, context: AuditContext, hubs?: RealtimeNotices) {
  const familyId = tokenFamilyIds.parse(publicId);
  if (familyId) return revokeAppSignIn(gateway, familyId, context, hubs);
  const id = sessionIds.require(publicId, 'Session');
  const personId = await gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    if (!(await repo.revokeSession(tx, id))) throw notFound();
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: 'session.revoked',
        target: { type: 'session', id },
        metadata: { current: id === person.sessionId },
      },
      context,
    );
    return person.userId;
  });
  // After the commit: the session's realtime connections close, in every workspace.
  hubs?.revokeEverywhere(personId, `session:${id}`);
}

async function revokeAppSignIn(gateway: TenantGateway, id: string, context: AuditContext, hubs?: RealtimeNotices) {
  await gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    if (!(await repo.revokeFamily(tx, id))) throw notFound();
    await recordAudit(tx, { workspaceId: null, actor: person, action: 'token.revoked', target: { type: 'token_family', id } }, context);
    // Sockets opened with an access token are known by their person only: all of them close.
    hubs?.revokeEverywhere(person.userId, `token:${person.userId}`);
  });
}

/** Ends every session and every app sign-in of the caller except the session making this request. */
export async function revokeOtherSessions(gateway: TenantGateway, context: AuditContext, hubs?: RealtimeNotices) {
  const { result, personId, revokedSessions, revokedFamilies } = await gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    const sessions = await repo.revokeSessionsExcept(tx, person.sessionId);
    const families = await repo.revokeFamilies(tx);
    const revoked = sessions.length + families.length;
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: 'session.revoked_others',
        target: { type: 'user', id: person.userId },
        metadata: { revoked, session_ids: sessions.map((r) => r.id), token_family_ids: families.map((r) => r.id) },
      },
      context,
    );
    return { result: { revoked }, personId: person.userId, revokedSessions: sessions.map((r) => r.id), revokedFamilies: families.length };
  });
  for (const sessionId of revokedSessions) hubs?.revokeEverywhere(personId, `session:${sessionId}`);
  if (revokedFamilies > 0) hubs?.revokeEverywhere(personId, `token:${personId}`);
  return result;
}
