import { isUniqueViolation } from '../../db/errors.ts';
import { type Database, system, type TenantGateway } from '../../db/gateway.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { personOf, requireRecentReauthentication } from './reauthentication.ts';
import * as repo from './email-change.repo.ts';
import { insertEmailToken } from './email-token.repo.ts';
import { type IdentityMail, mayMail, newEmailToken, tokenShape } from './identity-mail.ts';
import { verifyPassword } from './password.ts';

const anonymous = { type: 'anonymous' } as const;

const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 'An account with this email already exists', { fields: { new_email: ['is already in use'] } });

/**
 * A signed-in person asks to move their account to `new_email`. They prove who they are with
 * their password, or by having confirmed it on this session within the last ten minutes. A link,
 * bound to them and to the new address, goes to the new address; the current one gets a notice.
 * Nothing changes until the link is used.
 */
export async function requestEmailChange(
  gateway: TenantGateway,
  db: Database,
  input: { new_email: string; password?: string | undefined },
  context: AuditContext,
  mail: IdentityMail,
): Promise<{ new_email: string }> {
  const { person, own } = await gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    if (input.password === undefined) await requireRecentReauthentication(tx, person);
    const [own] = await repo.selectOwnAccount(tx);
    if (!own) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    return { person, own };
  });
  if (input.password !== undefined && !(await verifyPassword(input.password, own.passwordHash))) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', { fields: { password: ['is not your current password'] } });
  }
  if (input.new_email === own.email) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', { fields: { new_email: ['is already your email address'] } });
  }
  // Sign-up already answers whether an address is taken; this says no more, and only to someone
  // who just proved who they are.
  if ((await system(db, { role: 'owner' }).query((q) => repo.selectAddressHolder(q, input.new_email))).length > 0) throw emailTaken();
  if (!(await mayMail(mail.rateLimiter, 'email_change', input.new_email))) {
    throw new AppError('RATE_LIMITED', 'Too many emails to this address; try again later');
  }
  const { token, row } = await newEmailToken(own.id, input.new_email, 'email_change');
  const confirm = await mail.outbox.prepare({
    template: 'email-change-confirm',
    to: input.new_email,
    params: { name: own.name, token },
    security: true,
  });
  const notice = await mail.outbox.prepare({ template: 'email-change-notice', to: own.email, params: {}, security: true });
  await system(db, { role: 'owner', person: own.id }).batch((q) => [
    repo.retireEmailChangeTokens(q, own.id),
    insertEmailToken(q, row),
    confirm(q),
    notice(q),
    auditStatement(
      q,
      { workspaceId: null, actor: person, action: 'user.email_change_requested', target: { type: 'user', id: own.id } },
      context,
    ),
  ]);
  return { new_email: input.new_email };
}

const invalidLink = () => new AppError('INVALID_TOKEN', 'This link is invalid, used or expired. Ask for a new one.');

/**
 * Uses an email-change link. In one transaction: the token is spent, the account takes the new
 * address (verified: the link was mailed there), every other session and every token family ends,
 * and every other open mailed link of the account stops working. The browser confirming keeps its
 * session when it is the same person's.
 */
export async function confirmEmailChange(
  db: Database,
  token: string,
  presentedSessionHash: string | null,
  context: AuditContext,
): Promise<{ email: string; sessions_ended: number }> {
  if (!tokenShape.test(token)) throw invalidLink();
  const tokenHash = await sha256Hex(token);
  try {
    return await system(db, { role: 'owner' }).interactive(async (tx, session) => {
      const spent = (await repo.spendEmailChangeToken(tx, tokenHash)).rows[0];
      if (!spent) throw invalidLink();
      await session.actAsPerson(spent.user_id);
      await repo.setVerifiedEmail(tx, spent.user_id, spent.new_email);
      const sessions = await repo.revokeSessionsExcept(tx, spent.user_id, presentedSessionHash);
      const families = await repo.revokeTokenFamilies(tx, spent.user_id, 'email_changed');
      await repo.retireAllEmailTokens(tx, spent.user_id);
      await recordAudit(
        tx,
        {
          workspaceId: null,
          actor: anonymous,
          action: 'user.email_changed',
          target: { type: 'user', id: spent.user_id },
          metadata: { sessions_ended: sessions.length, token_families_revoked: families.length },
        },
        context,
      );
      return { email: spent.new_email, sessions_ended: sessions.length };
    });
  } catch (error) {
    // Someone took the address between the request and the confirmation: nothing was changed.
    if (isUniqueViolation(error, 'user_email_key')) throw emailTaken();
    throw error;
  }
}
