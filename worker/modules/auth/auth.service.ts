import { type Database, system, type TenantGateway } from '../../db/gateway.ts';
import type { Role } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import * as repo from './auth.repo.ts';
import type { IdentityMail } from './identity-mail.ts';
import { addressKey, assertNotLocked, clearLoginFailures, recordLoginFailure } from './login-throttle.service.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { completeSignIn, newSessionRow, type PublicUser, publicUser, type SignInOutcome } from './sign-in.ts';
import { issueVerificationAtSignup, notifyTakenAddress } from './verification.service.ts';

/** Sign-up and log-in run before anyone is signed in: as the owner role. */
const asOwner = (db: Database) => system(db, { role: 'owner' });

export interface NewSession {
  token: string;
  user: PublicUser;
}

export async function signup(
  db: Database,
  input: { email: string; password: string; name: string },
  context: AuditContext,
  mail: IdentityMail,
): Promise<NewSession> {
  const passwordHash = await hashPassword(input.password);
  const userId = newUuid();
  const { token, row } = await newSessionRow(userId, context);
  try {
    const created = await system(db, { role: 'owner', person: userId }).interactive(async (tx) => {
      const inserted = await repo.insertUser(tx, { id: userId, email: input.email, name: input.name, passwordHash });
      await repo.insertSession(tx, row);
      const actor = { type: 'user', userId, sessionId: row.id, workspaceId: null, role: null } as const;
      await recordAudit(tx, { workspaceId: null, actor, action: 'user.signed_up', target: { type: 'user', id: userId } }, context);
      await issueVerificationAtSignup(tx, { id: userId, email: input.email, name: input.name }, context, mail);
      return { inserted };
    });
    if (!created.inserted) throw new AppError('INTERNAL', 'Sign-up did not return the new user');
    return { token, user: publicUser(created.inserted) };
  } catch (error) {
    if (isUniqueViolation(error, 'user_email_key')) {
      notifyTakenAddress(db, input.email, context, mail);
      throw new AppError('EMAIL_TAKEN', 'An account with this email already exists', {
        fields: { email: ['is already registered'] },
      });
    }
    throw error;
  }
}

/**
 * Every password sign-in (the session log-in and the token endpoint's password grant) starts here:
 * the lockout, the decoy hash for unknown addresses and password-less accounts, one failure answer.
 * A disabled account is told so only after its password was proven.
 */
export async function authenticatePassword(
  db: Database,
  input: { email: string; password: string },
  context: AuditContext,
  mail: IdentityMail,
) {
  const emailHash = await addressKey(input.email);
  const [found, lockout] = await Promise.all([
    repo.findUserForLogin(db, input.email),
    assertNotLocked(db, emailHash).then(
      () => null,
      (error: unknown) => error,
    ),
  ]);
  if (lockout) {
    await auditLoginFailure(db, found?.id ?? null, 'locked', context);
    throw lockout;
  }
  const storedHash = found?.passwordHash ?? null;
  const valid = await verifyPassword(input.password, storedHash);
  if (!found || !storedHash || !valid) {
    await recordLoginFailure(db, { emailHash, email: input.email, userId: found?.id ?? null }, context, mail);
    await auditLoginFailure(db, found?.id ?? null, found ? (storedHash ? 'wrong_password' : 'no_password') : 'unknown_email', context);
    throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect');
  }
  if (found.disabledAt) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  const rehash = needsRehash(storedHash) ? await hashPassword(input.password) : null;
  return { user: found, rehash, emailHash };
}

export async function login(
  db: Database,
  input: { email: string; password: string },
  context: AuditContext,
  previousSessionHash: string | null,
  mail: IdentityMail,
): Promise<SignInOutcome> {
  const { user: found, rehash, emailHash } = await authenticatePassword(db, input, context, mail);
  return completeSignIn(
    db,
    {
      user: found,
      method: 'password',
      previousSessionHash,
      alsoRun: (http) => [clearLoginFailures(http, emailHash), ...(rehash ? [repo.updatePasswordHash(http, found.id, rehash)] : [])],
    },
    context,
  );
}

/** Stores a password hash made with current parameters (after a sign-in proved the old one). */
export async function upgradePasswordHash(db: Database, userId: string, passwordHash: string): Promise<void> {
  await asOwner(db).query((q) => repo.updatePasswordHash(q, userId, passwordHash));
}

export async function logout(db: Database, tokenHash: string, context: AuditContext): Promise<void> {
  const revoked = await repo.revokeSession(db, tokenHash);
  if (!revoked) return;
  const actor = { type: 'user', userId: revoked.userId, sessionId: revoked.id, workspaceId: null, role: null } as const;
  await system(db, { role: 'owner', person: revoked.userId }).query((q) =>
    auditStatement(q, { workspaceId: null, actor, action: 'user.logged_out', target: { type: 'user', id: revoked.userId } }, context),
  );
}

export async function me(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectMe(http));
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  const first = result[0];
  if (!first) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
  return {
    user: {
      ...publicUser({ id: first.userId, email: first.email, name: first.name, createdAt: first.createdAt }),
      email_verified: first.emailVerifiedAt !== null,
      has_avatar: first.hasAvatar,
    },
    memberships: result.flatMap((r) =>
      r.workspaceId && r.workspaceSlug && r.workspaceName && r.role
        ? [
            {
              workspace: { id: toPublicId('workspace', r.workspaceId), slug: r.workspaceSlug, name: r.workspaceName },
              role: r.role as Role,
            },
          ]
        : [],
    ),
  };
}

/** A refused log-in, recorded outside any workspace; the person is named when the address is known. */
function auditLoginFailure(db: Database, userId: string | null, reason: string, context: AuditContext) {
  return asOwner(db).query((q) =>
    auditStatement(
      q,
      {
        workspaceId: null,
        actor: { type: 'anonymous' },
        action: 'user.login_failed',
        ...(userId ? { target: { type: 'user', id: userId } } : {}),
        metadata: { reason },
      },
      context,
    ),
  );
}
