import { isUniqueViolation } from '../../db/errors.ts';
import { type Database, system } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import type { ProviderIdentity } from '../../kernel/identity-provider.ts';
import { newUuid } from '../../kernel/ids.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { completeSignIn, type SignInMethod, type SignInOutcome, type SignInUser } from '../auth/sign-in.ts';
import * as repo from './oauth.repo.ts';

/** Where an identity came from, for the session's audit entry and any refusal. */
export interface IdentitySource {
  /** `google`, `github` or `sso:<connection uuid>`. */
  provider: string;
  method: Extract<SignInMethod, 'oauth' | 'sso'>;
  auditDetail: Record<string, unknown>;
}

/** Refuses a sign-in and records why (as a failed log-in, like a wrong password). */
export async function refuseSignIn(
  db: Database,
  source: IdentitySource,
  error: AppError,
  context: AuditContext,
  userId?: string,
): Promise<never> {
  await system(db, { role: 'owner' }).query((q) =>
    auditStatement(
      q,
      {
        workspaceId: null,
        actor: { type: 'anonymous' },
        action: 'user.login_failed',
        ...(userId ? { target: { type: 'user', id: userId } } : {}),
        metadata: { ...source.auditDetail, method: source.method, reason: error.code },
      },
      context,
    ),
  );
  throw error;
}

/** The linked person, when this identity is linked to a live account. */
export async function linkedUser(db: Database, source: IdentitySource, identity: ProviderIdentity, context: AuditContext) {
  const linked = await system(db, { role: 'owner' }).query((q) => repo.findIdentity(q, source.provider, identity.subject));
  if (!linked) return null;
  if (linked.user.deletedAt) {
    await refuseSignIn(db, source, new AppError('UNAUTHENTICATED', 'This account has been closed'), context, linked.user.id);
  }
  return { identityId: linked.identityId, user: linked.user };
}

/**
 * A new account for a verified identity nobody has yet: the person, the linked identity and the
 * audit entries in one transaction. It has no password; it signs in through the identity.
 */
export async function createAccountFor(
  db: Database,
  source: IdentitySource,
  identity: ProviderIdentity & { email: string },
  context: AuditContext,
): Promise<{ user: SignInUser; identityId: string }> {
  const userId = newUuid();
  const identityId = newUuid();
  try {
    const created = await system(db, { role: 'owner', person: userId }).interactive(async (tx) => {
      const name = (identity.name?.trim() || identity.email.split('@')[0] || 'New user').slice(0, 100);
      const inserted = await repo.insertUser(tx, { id: userId, email: identity.email, name, passwordHash: null });
      await repo.insertIdentity(tx, {
        id: identityId,
        userId,
        provider: source.provider,
        subject: identity.subject,
        email: identity.email,
      });
      // The session opens right after, through completeSignIn; these entries precede it.
      const actor = { type: 'user', userId, sessionId: '', workspaceId: null, role: null } as const;
      const metadata = { ...source.auditDetail, method: source.method };
      await recordAudit(
        tx,
        { workspaceId: null, actor, action: 'user.signed_up', target: { type: 'user', id: userId }, metadata },
        context,
      );
      await recordAudit(
        tx,
        {
          workspaceId: null,
          actor,
          action: 'oauth.linked',
          target: { type: 'user', id: userId },
          metadata: { ...metadata, identity_id: identityId },
        },
        context,
      );
      return inserted;
    });
    if (!created) throw new AppError('INTERNAL', 'Sign-up did not return the new user');
    return { user: created, identityId };
  } catch (error) {
    if (isUniqueViolation(error, 'user_email_key')) throw accountExists(source);
    if (isUniqueViolation(error, 'oauth_account_provider_subject_key')) {
      throw new AppError('CONFLICT', 'This sign-in was completed twice at once; start again');
    }
    throw error;
  }
}

export const accountExists = (source: IdentitySource) =>
  new AppError(
    'OAUTH_ACCOUNT_EXISTS',
    source.method === 'sso'
      ? 'An account with this email already exists'
      : 'An account with this email already exists. Log in to it, then link this provider under Settings → Sign-in methods.',
  );

/** Opens the session through the one way every sign-in ends, noting when the identity was used. */
export function openSession(
  db: Database,
  source: IdentitySource,
  linked: { user: SignInUser; identityId: string },
  previousSessionHash: string | null,
  context: AuditContext,
): Promise<SignInOutcome> {
  return completeSignIn(
    db,
    {
      user: linked.user,
      method: source.method,
      previousSessionHash,
      alsoRun: (http) => [repo.touchIdentity(http, linked.identityId)],
      auditMetadata: source.auditDetail,
    },
    context,
  );
}
