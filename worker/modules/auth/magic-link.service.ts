import { type Database, system } from '../../db/gateway.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, auditStatement } from '../audit/audit.service.ts';
import * as repo from './email-token.repo.ts';
import { type IdentityMail, mayMail, newEmailToken, tokenShape } from './identity-mail.ts';
import { completeSignIn, type SignInOutcome } from './sign-in.ts';

const anonymous = { type: 'anonymous' } as const;

/**
 * Mails a sign-in link, valid 10 minutes, when the address belongs to an account. The caller
 * answers before any of this runs, so the answer is the same for every address.
 */
export function requestMagicLink(db: Database, email: string, context: AuditContext, mail: IdentityMail): void {
  mail.later(async () => {
    const [person] = await system(db, { role: 'owner' }).query((q) => repo.selectUserByEmail(q, email));
    if (!person) {
      await system(db, { role: 'owner' }).query((q) =>
        auditStatement(
          q,
          { workspaceId: null, actor: anonymous, action: 'user.magic_link_not_sent', metadata: { reason: 'unknown_email' } },
          context,
        ),
      );
      return;
    }
    const target = { type: 'user', id: person.id };
    if (!(await mayMail(mail.rateLimiter, 'magic_link', person.email))) {
      await system(db, { role: 'owner' }).query((q) =>
        auditStatement(
          q,
          { workspaceId: null, actor: anonymous, action: 'user.magic_link_not_sent', target, metadata: { reason: 'throttled' } },
          context,
        ),
      );
      return;
    }
    const { token, row } = await newEmailToken(person.id, person.email, 'magic_link');
    const link = await mail.outbox.prepare({ template: 'magic-link', to: person.email, params: { token }, security: true });
    await system(db, { role: 'owner' }).batch((q) => [
      repo.insertEmailToken(q, row),
      link(q),
      auditStatement(q, { workspaceId: null, actor: anonymous, action: 'user.magic_link_sent', target }, context),
    ]);
  });
}

/**
 * Signs in with a magic link: only this POST spends the token (opening the link merely shows a
 * page), once, for the address it was sent to. The sign-in ends through `completeSignIn`; using
 * the link also proves the address, so it counts as verified.
 */
export async function confirmMagicLink(
  db: Database,
  token: string,
  previousSessionHash: string | null,
  context: AuditContext,
): Promise<SignInOutcome> {
  const invalid = new AppError('INVALID_TOKEN', 'This sign-in link is invalid, used or expired. Ask for a new one.');
  if (!tokenShape.test(token)) throw invalid;
  const tokenHash = await sha256Hex(token);
  const result = await system(db, { role: 'owner' }).query((q) => repo.spendToken(q, 'magic_link', tokenHash));
  const spent = result.rows[0];
  if (!spent) throw invalid;
  const user = { id: spent.user_id, email: spent.email, name: spent.name, createdAt: new Date(spent.created_at) };
  return completeSignIn(
    db,
    {
      user,
      method: 'magic_link',
      previousSessionHash,
      alsoRun: (http) => [
        repo.markEmailVerified(http, user.id, user.email),
        repo.retireTokens(http, user.id, 'magic_link'),
        auditStatement(
          http,
          { workspaceId: null, actor: anonymous, action: 'user.magic_link_used', target: { type: 'user', id: user.id } },
          context,
        ),
      ],
    },
    context,
  );
}
