import { type Database, system, type Tx } from '../../db/gateway.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import * as repo from './email-token.repo.ts';
import { type IdentityMail, mayMail, newEmailToken, tokenShape } from './identity-mail.ts';

const anonymous = { type: 'anonymous' } as const;

/**
 * At sign-up, inside its transaction: stores a verification token, the mail that carries it (sealed)
 * and the audit entry. The mail is queued after the response, so entry is never held up by mail.
 */
export async function issueVerificationAtSignup(
  tx: Tx,
  person: { id: string; email: string; name: string },
  context: AuditContext,
  mail: IdentityMail,
): Promise<void> {
  const { token, row } = await newEmailToken(person.id, person.email, 'verify_email');
  await repo.insertEmailToken(tx, row);
  await (await mail.outbox.prepare(verificationMail(person, token)))(tx);
  await recordAudit(
    tx,
    {
      workspaceId: null,
      actor: anonymous,
      action: 'user.verification_sent',
      target: { type: 'user', id: person.id },
      metadata: { at: 'signup' },
    },
    context,
  );
}

const verificationMail = (person: { email: string; name: string }, token: string) =>
  ({ template: 'verify-email', to: person.email, params: { name: person.name, token }, security: true }) as const;

/**
 * Someone signed up with an address that already has an account: its owner is told by mail and
 * the attempt is audited, after the response (the sign-up answer itself says the address is taken;
 * docs/decisions/015-enumeration-and-sign-up.md).
 */
export function notifyTakenAddress(db: Database, email: string, context: AuditContext, mail: IdentityMail): void {
  mail.later(async () => {
    const [person] = await system(db, { role: 'owner' }).query((q) => repo.selectUserByEmail(q, email));
    if (!person) return;
    const mailed = await mayMail(mail.rateLimiter, 'signup_attempt', person.email);
    const notice = mailed ? await mail.outbox.prepare({ template: 'signup-attempt', to: person.email, params: {}, security: true }) : null;
    await system(db, { role: 'owner' }).batch((q) => [
      auditStatement(
        q,
        {
          workspaceId: null,
          actor: anonymous,
          action: 'user.signup_email_taken',
          target: { type: 'user', id: person.id },
          metadata: { owner_notified: mailed },
        },
        context,
      ),
      ...(notice ? [notice(q)] : []),
    ]);
  });
}

/**
 * Mails a new verification link when the address belongs to an unverified account. The answer is
 * the same whatever the address: all the work happens after the response.
 */
export function resendVerification(db: Database, email: string, context: AuditContext, mail: IdentityMail): void {
  mail.later(async () => {
    const [person] = await system(db, { role: 'owner' }).query((q) => repo.selectUserByEmail(q, email));
    if (!person || person.emailVerifiedAt || !(await mayMail(mail.rateLimiter, 'verify_email', person.email))) return;
    const { token, row } = await newEmailToken(person.id, person.email, 'verify_email');
    const verification = await mail.outbox.prepare(verificationMail(person, token));
    await system(db, { role: 'owner' }).batch((q) => [
      repo.insertEmailToken(q, row),
      verification(q),
      auditStatement(
        q,
        {
          workspaceId: null,
          actor: anonymous,
          action: 'user.verification_sent',
          target: { type: 'user', id: person.id },
          metadata: { at: 'resend' },
        },
        context,
      ),
    ]);
  });
}

const invalidLink = () => new AppError('INVALID_TOKEN', 'This link is invalid, used or expired. Ask for a new one.');

/** Spends a verification token and marks its address verified; other open links of the account stop working. */
export async function verifyEmail(db: Database, token: string, context: AuditContext): Promise<{ email: string }> {
  if (!tokenShape.test(token)) throw invalidLink();
  const tokenHash = await sha256Hex(token);
  const result = await system(db, { role: 'owner' }).query((q) => repo.spendVerificationToken(q, tokenHash));
  const verified = result.rows[0];
  if (!verified) throw invalidLink();
  await system(db, { role: 'owner' }).batch((q) => [
    repo.retireTokens(q, verified.id, 'verify_email'),
    auditStatement(
      q,
      { workspaceId: null, actor: anonymous, action: 'user.email_verified', target: { type: 'user', id: verified.id } },
      context,
    ),
  ]);
  return { email: verified.email };
}
