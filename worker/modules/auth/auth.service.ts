import type { Database } from '../../db/client.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { setUserContext as setUserContextTx, withSystem } from '../../db/tenant.ts';
import type { Role } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import * as repo from './auth.repo.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import { completeSignIn, newSessionRow, type PublicUser, publicUser } from './sign-in.ts';

export interface NewSession {
  token: string;
  user: PublicUser;
}

export async function signup(
  db: Database,
  input: { email: string; password: string; name: string },
  context: AuditContext,
): Promise<NewSession> {
  const passwordHash = await hashPassword(input.password);
  const userId = newUuid();
  const { token, row } = await newSessionRow(userId, context);
  try {
    const created = await withSystem(db, async (tx) => {
      await setUserContextTx(tx, userId);
      const inserted = await repo.insertUser(tx, { id: userId, email: input.email, name: input.name, passwordHash });
      await repo.insertSession(tx, row);
      const actor = { type: 'user', userId, sessionId: row.id, workspaceId: null, role: null } as const;
      await recordAudit(tx, { workspaceId: null, actor, action: 'user.signed_up', target: { type: 'user', id: userId } }, context);
      return inserted;
    });
    if (!created) throw new AppError('INTERNAL', 'Sign-up did not return the new user');
    return { token, user: publicUser(created) };
  } catch (error) {
    if (isUniqueViolation(error, 'user_email_key')) {
      throw new AppError('EMAIL_TAKEN', 'An account with this email already exists', {
        fields: { email: ['is already registered'] },
      });
    }
    throw error;
  }
}

/**
 * Unknown email and wrong password take the same path (a decoy hash is verified when there is no
 * account) and end in the same error, so the answer reveals nothing about who has an account.
 * Every password sign-in (the session log-in and the token endpoint's password grant) starts here.
 * A disabled account is told so only after its password was proven.
 */
export async function authenticatePassword(
  db: Database,
  input: { email: string; password: string },
  context: AuditContext,
) {
  const found = await repo.findUserForLogin(db, input.email);
  const valid = await verifyPassword(input.password, found?.passwordHash ?? decoyHash);
  if (!found || !valid) {
    await auditStatement(
      db.http,
      {
        workspaceId: null,
        actor: { type: 'anonymous' },
        action: 'user.login_failed',
        ...(found ? { target: { type: 'user', id: found.id } } : {}),
        metadata: { reason: found ? 'wrong_password' : 'unknown_email' },
      },
      context,
    );
    throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect');
  }
  if (found.disabledAt) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  const rehash = needsRehash(found.passwordHash) ? await hashPassword(input.password) : null;
  return { user: found, rehash };
}

export async function login(
  db: Database,
  input: { email: string; password: string },
  context: AuditContext,
  previousSessionHash: string | null,
): Promise<NewSession> {
  const { user: found, rehash } = await authenticatePassword(db, input, context);
  return completeSignIn(
    db,
    {
      user: found,
      method: 'password',
      previousSessionHash,
      alsoRun: (http) => (rehash ? [repo.updatePasswordHash(http, found.id, rehash)] : []),
    },
    context,
  );
}

/** Stores a password hash made with current parameters (after a sign-in proved the old one). */
export async function upgradePasswordHash(db: Database, userId: string, passwordHash: string): Promise<void> {
  await repo.updatePasswordHash(db.http, userId, passwordHash);
}

export async function logout(db: Database, tokenHash: string, context: AuditContext): Promise<void> {
  const revoked = await repo.revokeSession(db, tokenHash);
  if (!revoked) return;
  const actor = { type: 'user', userId: revoked.userId, sessionId: revoked.id, workspaceId: null, role: null } as const;
  await db.http.batch([
    repo.setUserContext(db.http, revoked.userId),
    auditStatement(db.http, { workspaceId: null, actor, action: 'user.logged_out', target: { type: 'user', id: revoked.userId } }, context),
  ]);
}

export async function me(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectMe(http));
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  const first = result[0];
  if (!first) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
  return {
    user: publicUser({ id: first.userId, email: first.email, name: first.name, createdAt: first.createdAt }),
    memberships: result.flatMap((r) =>
      r.workspaceId && r.workspaceSlug && r.workspaceName && r.role
        ? [{ workspace: { id: toPublicId('workspace', r.workspaceId), slug: r.workspaceSlug, name: r.workspaceName }, role: r.role as Role }]
        : [],
    ),
  };
}
