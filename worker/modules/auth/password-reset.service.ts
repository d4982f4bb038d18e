import { type Database, type HttpDb, system } from '../../db/gateway.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { revokeTokenSignIns } from './token-sign-ins.service.ts';
import * as repo from './email-token.repo.ts';
import { type IdentityMail, mayMail, newEmailToken, tokenShape } from './identity-mail.ts';
import { clearFailures } from './login-throttle.repo.ts';
import { hashPassword } from './password.ts';
import { isEmailLike } from './password.input.ts';

const anonymous = { type: 'anonymous' } as const;

/**
 * Mails a reset link, valid one hour, when the address belongs to an account and is verified (a
 * reset link to an address nobody proved would hand the account to whoever typed it). The caller
 * answers before any of this runs, so the answer is the same for every address.
 */
export function requestPasswordReset(db: Database, email: string, context: AuditContext, mail: IdentityMail): void {
  mail.later(async () => {
    const [person] = await system(db, { role: 'owner' }).query((q) => repo.selectUserByEmail(q, email));
    const outcome = !person
      ? 'unknown_email'
      : !person.emailVerifiedAt
        ? 'unverified'
        : (await mayMail(mail.rateLimiter, 'password_reset', person.email))
          ? 'sent'
          : 'throttled';
    const audit = (q: HttpDb) =>
      auditStatement(
        q,
        {
          workspaceId: null,
          actor: anonymous,
          action: 'user.password_reset_requested',
          ...(person ? { target: { type: 'user', id: person.id } } : {}),
          metadata: { outcome },
        },
        context,
      );
    if (!person || outcome !== 'sent') {
      await system(db, { role: 'owner' }).query(audit);
      return;
    }
    const { token, row } = await newEmailToken(person.id, person.email, 'password_reset');
    const link = await mail.outbox.prepare({ template: 'password-reset', to: person.email, params: { token }, security: true });
    await system(db, { role: 'owner' }).batch((q) => [repo.insertEmailToken(q, row), link(q), audit(q)]);
  });
}

const invalidLink = () => new AppError('INVALID_TOKEN', 'This reset link is invalid, used or expired. Ask for a new one.');

/**
 * Sets a new password with a reset token. In one transaction: the token is spent, the password
 * replaced and every way into the account ended (every session, every app sign-in and every
 * personal access token: whoever knew the old password may have made them), other reset links and
 * any log-in lockout of the address cleared. It does not sign in: the person logs in with the new
 * password.
 */
export async function completePasswordReset(
  db: Database,
  input: { token: string; password: string },
  context: AuditContext,
): Promise<void> {
  if (!tokenShape.test(input.token)) throw invalidLink();
  const tokenHash = await sha256Hex(input.token);
  const [live] = await system(db, { role: 'owner' }).query((q) => repo.selectLiveToken(q, 'password_reset', tokenHash));
  if (!live) throw invalidLink();
  if (isEmailLike(input.password, live.email)) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', { fields: { password: ['must not be your email address'] } });
  }
  const passwordHash = await hashPassword(input.password);
  await system(db, { role: 'owner' }).interactive(async (tx, session) => {
    const changed = (await repo.spendResetToken(tx, tokenHash, passwordHash)).rows[0];
    if (!changed) throw invalidLink();
    await session.actAsPerson(changed.id);
    const [families, tokens] = revokeTokenSignIns(tx, changed.id, 'password_reset');
    const metadata = {
      sessions_ended: changed.sessions_ended,
      token_families_revoked: (await families).length,
      personal_access_tokens_revoked: (await tokens).length,
    };
    await repo.retireTokens(tx, changed.id, 'password_reset');
    await clearFailures(tx, await sha256Hex(changed.email));
    await recordAudit(
      tx,
      { workspaceId: null, actor: anonymous, action: 'user.password_reset_completed', target: { type: 'user', id: changed.id }, metadata },
      context,
    );
  });
}
