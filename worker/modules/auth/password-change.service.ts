import type { Database } from '../../db/client.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, auditStatement } from '../audit/audit.service.ts';
import { setUserContext } from './auth.repo.ts';
import * as repo from './email-token.repo.ts';
import { clearLoginFailures } from './login-throttle.service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { isEmailLike } from './password-policy.ts';

/**
 * A signed-in person changes their password: the current one must be right, the new one passes
 * the policy (and is not their email). Every other session ends; the one asking stays signed in.
 */
export async function changePassword(
  gateway: TenantGateway,
  db: Database,
  input: { current_password: string; new_password: string },
  context: AuditContext,
): Promise<{ sessions_ended: number }> {
  const { scope, result } = await gateway.read((http) => repo.selectOwnPasswordHash(http));
  const person = scope.actor;
  if (person.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  const sessionId = person.sessionId;
  if (sessionId === null) throw new AppError('FORBIDDEN', 'This endpoint needs a browser session, not a token');
  const own = result[0];
  if (!own) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
  if (!(await verifyPassword(input.current_password, own.passwordHash))) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', { fields: { current_password: ['is not your current password'] } });
  }
  if (isEmailLike(input.new_password, own.email)) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', { fields: { new_password: ['must not be your email address'] } });
  }
  const passwordHash = await hashPassword(input.new_password);
  const [, , ended] = await db.http.batch([
    setUserContext(db.http, person.userId),
    repo.updatePassword(db.http, person.userId, passwordHash),
    repo.revokeOtherSessions(db.http, person.userId, sessionId),
    repo.retireTokens(db.http, person.userId, 'password_reset'),
    repo.retireTokens(db.http, person.userId, 'email_change'),
    clearLoginFailures(db.http, await sha256Hex(own.email)),
  ] as const);
  await db.http.batch([
    setUserContext(db.http, person.userId),
    auditStatement(
      db.http,
      { workspaceId: null, actor: person, action: 'user.password_changed', target: { type: 'user', id: person.userId }, metadata: { sessions_ended: ended.length } },
      context,
    ),
  ]);
  return { sessions_ended: ended.length };
}
