import { type Database, system, type TenantGateway } from '../../db/gateway.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, auditStatement } from '../audit/audit.service.ts';
import { revokeTokenSignIns } from './token-sign-ins.service.ts';
import * as repo from './email-token.repo.ts';
import { clearLoginFailures } from './login-throttle.service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { isEmailLike } from './password.input.ts';

export interface PasswordChanged {
  sessions_ended: number;
  app_sign_ins_ended: number;
  personal_access_tokens_revoked: number;
}

/**
 * A signed-in person changes their password: the current one must be right, the new one passes
 * the policy (and is not their email). Every other way in ends with the old password, in the same
 * transaction: the other sessions, every app sign-in (token family) and every personal access
 * token. The session asking stays signed in.
 */
export async function changePassword(
  gateway: TenantGateway,
  db: Database,
  input: { current_password: string; new_password: string },
  context: AuditContext,
): Promise<PasswordChanged> {
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
  const emailHash = await sha256Hex(own.email);
  const asPerson = system(db, { role: 'owner', person: person.userId });
  const [, ended, families, tokens] = await asPerson.batch(
    (q) =>
      [
        repo.updatePassword(q, person.userId, passwordHash),
        repo.revokeOtherSessions(q, person.userId, sessionId),
        ...revokeTokenSignIns(q, person.userId, 'password_change'),
        repo.retireTokens(q, person.userId, 'password_reset'),
        repo.retireTokens(q, person.userId, 'email_change'),
        clearLoginFailures(q, emailHash),
      ] as const,
  );
  const outcome = { sessions_ended: ended.length, app_sign_ins_ended: families.length, personal_access_tokens_revoked: tokens.length };
  await asPerson.query((q) =>
    auditStatement(
      q,
      {
        workspaceId: null,
        actor: person,
        action: 'user.password_changed',
        target: { type: 'user', id: person.userId },
        metadata: { sessions_ended: ended.length, token_families_revoked: families.length, personal_access_tokens_revoked: tokens.length },
      },
      context,
    ),
  );
  return outcome;
}
