import { isUniqueViolation } from '../../db/errors.ts';
import { type Database, type Scope, system, type TenantGateway } from '../../db/gateway.ts';
import type { Actor } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  type IdentityProvider,
  IdentityProviderError,
  type OAuthProviderName,
  type OAuthProviders,
  type ProviderIdentity,
} from '../../kernel/identity-provider.ts';
import { newUuid } from '../../kernel/ids.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { SignInOutcome } from '../auth/sign-in.ts';
import { accountExists, createAccountFor, type IdentitySource, linkedUser, openSession, refuseSignIn } from './identity-sign-in.ts';
import { type OAuthIntent, type OAuthState, newState, openState, sealState } from './oauth-state.ts';
import { assertSignInMethodLeft, lockSignInMethods } from '../sign-in-methods.ts';
import { browserSessionPerson } from '../browser-session.ts';
import * as repo from './oauth.repo.ts';
import { oauthAccountIds } from './oauth.ids.ts';

export const providerLabels: Record<OAuthProviderName, string> = { google: 'Google', github: 'GitHub' };
const providerNames = Object.keys(providerLabels) as OAuthProviderName[];

type Person = Extract<Actor, { type: 'user' }>;

function personOf(scope: Scope): Person {
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  return scope.actor;
}

export function configuredProviders(providers: OAuthProviders) {
  return { items: providerNames.filter((name) => providers[name]).map((name) => ({ id: name, name: providerLabels[name] })) };
}

function providerNamed(providers: OAuthProviders, name: string): IdentityProvider {
  const provider = providerNames.includes(name as OAuthProviderName) ? providers[name as OAuthProviderName] : undefined;
  if (!provider) throw new AppError('NOT_FOUND', `Sign-in with ${name} is not available`);
  return provider;
}

/** What a started sign-in hands the browser: where to go, and the state to keep in its cookie. */
export interface StartedAuthorization {
  authorizationUrl: string;
  sealedState: string;
}

/**
 * Starts a sign-in, or (intent `link`) the linking of a provider to the signed-in person. The
 * state, PKCE verifier and nonce are fresh for every start.
 */
export async function startOAuth(
  deps: { appSecret: string; providers: OAuthProviders },
  name: string,
  input: { intent: OAuthIntent; next?: string | undefined },
  gateway: () => TenantGateway,
): Promise<StartedAuthorization> {
  const provider = providerNamed(deps.providers, name);
  let userId: string | null = null;
  if (input.intent === 'link') {
    const { scope, result } = await gateway().read((http) => repo.selectMyIdentities(http));
    userId = browserSessionPerson(scope).userId;
    if (result.some((identity) => identity.provider === name)) {
      throw new AppError('PROVIDER_ALREADY_LINKED', `${providerLabels[name as OAuthProviderName]} is already linked to your account`);
    }
  }
  const state = newState({ provider: name, intent: input.intent, userId, workspaceId: null, next: input.next });
  const url = await provider.authorizationUrl(state);
  return { authorizationUrl: url.toString(), sealedState: await sealState(deps.appSecret, state) };
}

/** The code the provider sent back, exchanged for a verified identity; the provider's refusals become one error. */
export async function identifyAt(provider: IdentityProvider, query: CallbackQuery, state: OAuthState): Promise<ProviderIdentity> {
  if (query.error) throw new AppError('OAUTH_PROVIDER_ERROR', `The provider did not sign you in (${query.error.slice(0, 100)})`);
  if (!query.code) throw new AppError('OAUTH_PROVIDER_ERROR', 'The provider sent no authorization code');
  try {
    return await provider.identify(query.code, state);
  } catch (error) {
    if (error instanceof IdentityProviderError) {
      throw new AppError('OAUTH_PROVIDER_ERROR', `The provider’s answer was refused (${error.reason})`, { cause: error });
    }
    throw error;
  }
}

export interface CallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
}

/** How a callback ended; the route turns it into a redirect. */
export type CallbackResult =
  | { kind: 'signed_in'; outcome: SignInOutcome; next: string }
  | { kind: 'linked'; next: string }
  | { kind: 'failed'; intent: OAuthIntent; error: AppError };

/**
 * The provider sent the browser back. The state cookie must match (and is spent whatever happens);
 * then the identity signs in, creates an account, or is linked to the person who asked.
 */
export async function finishOAuth(
  db: Database,
  deps: { appSecret: string; providers: OAuthProviders },
  input: { name: string; cookie: string | undefined; query: CallbackQuery },
  session: { previousSessionHash: string | null; gateway: () => TenantGateway },
  context: AuditContext,
): Promise<CallbackResult> {
  let intent: OAuthIntent = 'sign_in';
  try {
    const provider = providerNamed(deps.providers, input.name);
    const state = await openState(deps.appSecret, input.name, input.cookie, input.query.state);
    intent = state.intent;
    const identity = await identifyAt(provider, input.query, state);
    const source: IdentitySource = { provider: input.name, method: 'oauth', auditDetail: { provider: input.name } };
    if (state.intent === 'link') {
      await linkIdentity(session.gateway(), source, identity, state, context);
      return { kind: 'linked', next: state.next };
    }
    const outcome = await signInWithIdentity(db, source, identity, session.previousSessionHash, context);
    return { kind: 'signed_in', outcome, next: state.next };
  } catch (error) {
    if (error instanceof AppError) return { kind: 'failed', intent, error };
    throw error;
  }
}

/**
 * A linked identity signs in. An unlinked one creates an account only when the provider vouches
 * for its email and no account has that email: an existing account is never entered or linked
 * from the sign-in page (docs/decisions/021-oauth-sign-in-and-linking.md).
 */
async function signInWithIdentity(
  db: Database,
  source: IdentitySource,
  identity: ProviderIdentity,
  previousSessionHash: string | null,
  context: AuditContext,
): Promise<SignInOutcome> {
  const linked = await linkedUser(db, source, identity, context);
  if (linked) return openSession(db, source, linked, previousSessionHash, context);
  if (!identity.email || !identity.emailVerified) {
    return refuseSignIn(
      db,
      source,
      new AppError(
        'OAUTH_EMAIL_UNVERIFIED',
        'The provider does not vouch for an email address of this account; verify it there, or sign up with a password',
      ),
      context,
    );
  }
  const email = identity.email;
  const existing = await system(db, { role: 'owner' }).query((q) => repo.findUserByEmail(q, email));
  if (existing) return refuseSignIn(db, source, accountExists(source), context, existing.id);
  const created = await createAccountFor(db, source, { ...identity, email: identity.email }, context);
  return openSession(db, source, created, previousSessionHash, context);
}

/**
 * Links the identity to the person who started the link, in one transaction with its audit entry.
 * Start and finish both need their browser session: a token must not add a way into the account.
 */
async function linkIdentity(
  gateway: TenantGateway,
  source: IdentitySource,
  identity: ProviderIdentity,
  state: OAuthState,
  context: AuditContext,
) {
  try {
    await gateway.write(async (tx, scope) => {
      const person = browserSessionPerson(scope);
      if (person.userId !== state.userId) throw new AppError('OAUTH_STATE_INVALID', 'The link was started by another account; start again');
      const id = newUuid();
      await repo.insertIdentity(tx, {
        id,
        userId: person.userId,
        provider: source.provider,
        subject: identity.subject,
        email: identity.email,
      });
      await recordAudit(
        tx,
        {
          workspaceId: null,
          actor: person,
          action: 'oauth.linked',
          target: { type: 'user', id: person.userId },
          metadata: { ...source.auditDetail, identity_id: id, email: identity.email },
        },
        context,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error, 'oauth_account_provider_subject_key')) {
      throw new AppError('IDENTITY_TAKEN', 'This account at the provider is already linked to another account here');
    }
    if (isUniqueViolation(error, 'oauth_account_user_provider_key')) {
      throw new AppError('PROVIDER_ALREADY_LINKED', 'This provider is already linked to your account');
    }
    throw error;
  }
}

const identityDto = (i: { id: string; provider: string; email: string | null; createdAt: Date; lastUsedAt: Date | null }) => {
  const sso = i.provider.startsWith('sso:');
  return {
    id: oauthAccountIds.toPublic(i.id),
    provider: sso ? 'sso' : i.provider,
    provider_name: sso ? 'Single sign-on' : (providerLabels[i.provider as OAuthProviderName] ?? i.provider),
    email: i.email,
    created_at: i.createdAt.toISOString(),
    last_used_at: i.lastUsedAt?.toISOString() ?? null,
  };
};

/** The signed-in person's linked identities and whether they also have a password. One round trip. */
export async function listIdentities(gateway: TenantGateway, providers: OAuthProviders) {
  const { scope, result } = await gateway.read((http) => repo.selectSignInMethods(http));
  personOf(scope);
  return {
    items: result.flatMap((r) =>
      r.id && r.provider && r.createdAt ? [identityDto({ ...r, id: r.id, provider: r.provider, createdAt: r.createdAt })] : [],
    ),
    has_password: result[0]?.hasPassword === true,
    available: configuredProviders(providers).items,
  };
}

/**
 * Unlinks one identity, unless it is the last way left to sign in (a password, an identity, a
 * passkey). A browser session only, like linking.
 */
export async function unlinkIdentity(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = oauthAccountIds.require(publicId, 'Identity');
  await gateway.write(async (tx, scope) => {
    const person = browserSessionPerson(scope);
    await lockSignInMethods(tx, person.userId);
    const target = (await repo.selectMyIdentities(tx)).find((i) => i.id === id);
    if (!target) throw new AppError('NOT_FOUND', 'Identity not found');
    await repo.deleteIdentity(tx, id);
    await assertSignInMethodLeft(tx, 'identity');
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: 'oauth.unlinked',
        target: { type: 'user', id: person.userId },
        metadata: { provider: target.provider, identity_id: id },
      },
      context,
    );
  });
}
