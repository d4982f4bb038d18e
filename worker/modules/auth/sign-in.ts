import type { BatchItem } from 'drizzle-orm/batch';
import { type Database, type HttpDb, system, type TransactionSession, type Tx } from '../../db/gateway.ts';
import { rethrowAccountDisabled } from '../../db/errors.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import * as repo from './auth.repo.ts';

export const sessionTtlSeconds = 30 * 24 * 3600;
/** How long a sign-in that passed its first factor waits for the second. */
export const secondFactorTtlSeconds = 5 * 60;

/** How a person proved who they are; recorded on the audit entry of the session it opens. */
export type SignInMethod = 'password' | 'magic_link' | 'password_reset' | 'oauth' | 'sso' | 'passkey';

/** What completes a pending sign-in (sign_in_challenge) for a person with TOTP enrolled. */
export type SecondFactor = 'totp' | 'backup_code';

/**
 * Methods that are already multi-factor and so never wait for a second one: a passkey is a
 * device-bound key (possession) unlocked with user verification (knowledge or biometrics), and it
 * cannot be phished. See docs/decisions/017-second-factor-at-sign-in.md.
 */
const multiFactorMethods: ReadonlySet<SignInMethod> = new Set(['passkey']);

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

/**
 * How a sign-in ends: a session (its token goes into the session cookie), or a pending sign-in that
 * waits for the second factor (its token goes into the challenge cookie, and no session exists
 * yet). Routes turn either into a response with `respondToSignIn` (sign-in.response.ts).
 */
export type SignInOutcome =
  | { kind: 'session'; token: string; user: PublicUser }
  | { kind: 'second_factor'; challengeToken: string; expiresAt: Date; methods: SecondFactor[] };

export async function newSessionRow(userId: string, context: AuditContext) {
  const token = randomToken(32);
  const now = new Date();
  return {
    token,
    row: {
      id: newUuid(),
      userId,
      tokenHash: await sha256Hex(token),
      ip: context.ip,
      userAgent: context.userAgent,
      expiresAt: new Date(now.getTime() + sessionTtlSeconds * 1000),
      // Signing in is proving who you are: a fresh session counts as recently re-authenticated.
      reauthenticatedAt: now,
    },
  };
}

const loggedIn = (userId: string, sessionId: string, metadata: Record<string, unknown>) => ({
  workspaceId: null,
  actor: { type: 'user', userId, sessionId, workspaceId: null, role: null } as const,
  action: 'user.logged_in',
  target: { type: 'user', id: userId },
  metadata,
});

/**
 * The one way every sign-in method ends. A person with a confirmed TOTP authenticator gets no
 * session here (unless the method is itself multi-factor): a pending sign-in is stored instead and
 * the outcome says `second_factor`; `POST /api/v1/auth/mfa/verify` finishes it through
 * `openSessionIn`. Otherwise the presented session (if any) is revoked, a new one is opened
 * (rotation), and `user.logged_in` is audited with the method.
 *
 * The caller's own statements (`alsoRun`: consuming a magic-link token, storing a re-hashed
 * password, …) run in the same batch either way: the first factor has been used, whatever comes next.
 * Every method — password, magic link, reset, OAuth, SSO, passkey — must finish through here, so
 * that a rule about sessions (a second factor, a lockout, a disabled account) holds for all of them.
 */
/** True when the person has a confirmed second factor (TOTP), which every non-passkey sign-in must pass. */
export const hasSecondFactor = (db: Database, userId: string) => asOwner(db).query((q) => repo.hasConfirmedTotp(q, userId));

/** Sign-in runs before anyone is signed in: as the owner role, one HTTP round trip per step. */
const asOwner = (db: Database) => system(db, { role: 'owner' });

export async function completeSignIn(
  db: Database,
  input: {
    user: SignInUser;
    method: SignInMethod;
    previousSessionHash: string | null;
    alsoRun?: (http: HttpDb) => BatchItem<'pg'>[];
    /** Extra facts for the `user.logged_in` entry (e.g. which passkey). */
    auditMetadata?: Record<string, unknown>;
  },
  context: AuditContext,
): Promise<SignInOutcome> {
  const userId = input.user.id;
  if (!multiFactorMethods.has(input.method) && (await hasSecondFactor(db, userId))) {
    const challengeToken = randomToken(32);
    const expiresAt = new Date(Date.now() + secondFactorTtlSeconds * 1000);
    const tokenHash = await sha256Hex(challengeToken);
    await asOwner(db)
      .batch((q) => [
        repo.assertUserEnabled(q, userId),
        repo.insertSignInChallenge(q, {
          id: newUuid(),
          tokenHash,
          userId,
          method: input.method,
          expiresAt,
        }),
        auditStatement(
          q,
          {
            workspaceId: null,
            actor: { type: 'anonymous' },
            action: 'user.second_factor_required',
            target: { type: 'user', id: userId },
            metadata: { method: input.method },
          },
          context,
        ),
        ...(input.alsoRun?.(q) ?? []),
      ])
      .catch(rethrowAccountDisabled);
    return { kind: 'second_factor', challengeToken, expiresAt, methods: ['totp', 'backup_code'] };
  }

  if (input.previousSessionHash) await repo.revokeSession(db, input.previousSessionHash);
  const { token, row } = await newSessionRow(userId, context);
  await system(db, { role: 'owner', person: userId })
    .batch((q) => [
      repo.assertUserEnabled(q, userId),
      repo.insertSession(q, row),
      auditStatement(q, loggedIn(userId, row.id, { method: input.method, ...input.auditMetadata }), context),
      ...(input.alsoRun?.(q) ?? []),
    ])
    .catch(rethrowAccountDisabled);
  return { kind: 'session', token, user: publicUser(input.user) };
}

/**
 * The session part of the seam, inside the caller's transaction (owner role): for a pending
 * sign-in that has just passed its second factor. Revokes the presented session, opens a new one
 * and audits `user.logged_in` with the first method and the second factor.
 */
export async function openSessionIn(
  tx: Tx,
  session: TransactionSession,
  input: { user: SignInUser; method: SignInMethod; secondFactor: SecondFactor; previousSessionHash: string | null },
  context: AuditContext,
): Promise<{ kind: 'session'; token: string; user: PublicUser; sessionId: string }> {
  await repo.assertUserEnabled(tx, input.user.id).catch(rethrowAccountDisabled);
  if (input.previousSessionHash) await repo.revokeSessionIn(tx, input.previousSessionHash);
  const { token, row } = await newSessionRow(input.user.id, context);
  await session.actAsPerson(input.user.id);
  await repo.insertSession(tx, row);
  await recordAudit(tx, loggedIn(input.user.id, row.id, { method: input.method, second_factor: input.secondFactor }), context);
  return { kind: 'session', token, user: publicUser(input.user), sessionId: row.id };
}
