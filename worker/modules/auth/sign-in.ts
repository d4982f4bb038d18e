import type { BatchItem } from 'drizzle-orm/batch';
import type { Database, HttpDb } from '../../db/client.ts';
import { rethrowAccountDisabled } from '../../db/errors.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { type AuditContext, auditStatement } from '../audit/audit.service.ts';
import * as repo from './auth.repo.ts';

export const sessionTtlSeconds = 30 * 24 * 3600;

/** How a person proved who they are; recorded on the audit entry of the session it opens. */
export type SignInMethod = 'password' | 'magic_link' | 'password_reset' | 'oauth' | 'sso' | 'passkey';

export interface SignInUser {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
}

export const publicUser = (u: SignInUser) => ({
  id: toPublicId('user', u.id),
  email: u.email,
  name: u.name,
  created_at: u.createdAt.toISOString(),
});

export type PublicUser = ReturnType<typeof publicUser>;

export interface SignInOutcome {
  kind: 'session';
  token: string;
  user: PublicUser;
}

export async function newSessionRow(userId: string, context: AuditContext) {
  const token = randomToken(32);
  return {
    token,
    row: {
      id: newUuid(),
      userId,
      tokenHash: await sha256Hex(token),
      ip: context.ip,
      userAgent: context.userAgent,
      expiresAt: new Date(Date.now() + sessionTtlSeconds * 1000),
    },
  };
}

/**
 * The one way every sign-in method ends: the presented session (if any) is revoked, a new one is
 * opened (rotation), and `user.logged_in` is audited with the method, in one batch together with the
 * caller's own statements (`alsoRun`). Every method — password, magic link, reset, OAuth, SSO,
 * passkey — must finish through here, so that a rule about sessions (a second factor, a lockout, a
 * disabled account) holds for all of them at once.
 */
export async function completeSignIn(
  db: Database,
  input: {
    user: SignInUser;
    method: SignInMethod;
    previousSessionHash: string | null;
    alsoRun?: (http: HttpDb) => BatchItem<'pg'>[];
  },
  context: AuditContext,
): Promise<SignInOutcome> {
  if (input.previousSessionHash) await repo.revokeSession(db, input.previousSessionHash);
  const { token, row } = await newSessionRow(input.user.id, context);
  const actor = { type: 'user', userId: input.user.id, sessionId: row.id, workspaceId: null, role: null } as const;
  await db.http.batch([
    repo.assertUserEnabled(db.http, input.user.id),
    repo.setUserContext(db.http, input.user.id),
    repo.insertSession(db.http, row),
    auditStatement(
      db.http,
      { workspaceId: null, actor, action: 'user.logged_in', target: { type: 'user', id: input.user.id }, metadata: { method: input.method } },
      context,
    ),
    ...(input.alsoRun?.(db.http) ?? []),
  ]).catch(rethrowAccountDisabled);
  return { kind: 'session', token, user: publicUser(input.user) };
}
