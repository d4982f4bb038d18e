import { type Database, type QueryBuilder, type Statement, system } from '../../db/gateway.ts';
import type { Bus } from '../../kernel/bus.ts';
import { entitledOn } from '../entitlements.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  type IdentityProvider,
  IdentityProviderError,
  type OidcProviderFactory,
  type ProviderIdentity,
} from '../../kernel/identity-provider.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { unseal } from '../../kernel/secret-box.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { SignInUser } from '../auth/sign-in.ts';
import { createAccountFor, type IdentitySource, linkedUser, openSession, refuseSignIn } from './identity-sign-in.ts';
import type { CallbackQuery, CallbackResult, StartedAuthorization } from './oauth.service.ts';
import { identifyAt } from './oauth.service.ts';
import { newState, openState, sealState } from './oauth-state.ts';
import * as repo from './oauth.repo.ts';
import { ssoConnectionIds } from './oauth.ids.ts';

export const clientSecretPurpose = 'sso-client-secret';

export interface SsoDeps {
  appSecret: string;
  appOrigin: string;
  openIdConnect: OidcProviderFactory;
}

type Connection = NonNullable<Awaited<ReturnType<typeof repo.findUsableConnection>>>;

export const ssoProviderKey = (connectionId: string) => `sso:${connectionId}`;
export const ssoCallbackPath = (connectionId: string) => `/api/v1/auth/sso/${ssoConnectionIds.toPublic(connectionId)}/callback`;

export const domainOfEmail = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** The connection, read as the owner role inside its workspace (forced RLS needs the context). */
function loadConnection(db: Database, workspaceId: string, connectionId: string) {
  return system(db, { role: 'owner', workspace: workspaceId }).interactive(async (tx) => {
    const connection = await repo.findUsableConnection(tx, connectionId);
    return connection ? { connection, domains: await repo.selectVerifiedDomains(tx, connectionId) } : null;
  });
}

async function clientFor(deps: SsoDeps, connection: Connection): Promise<IdentityProvider> {
  const clientSecret = await unseal(deps.appSecret, clientSecretPurpose, connection.clientSecretSealed);
  if (clientSecret === null) throw new AppError('INTERNAL', 'The SSO client secret cannot be read; save the connection again');
  try {
    return await deps.openIdConnect({
      issuer: connection.issuer,
      clientId: connection.clientId,
      clientSecret,
      redirectUri: new URL(ssoCallbackPath(connection.id), deps.appOrigin).toString(),
    });
  } catch (error) {
    if (error instanceof IdentityProviderError) {
      throw new AppError('OAUTH_PROVIDER_ERROR', `Your organisation’s identity provider could not be reached (${error.reason})`, {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * SSO starts from an email address: its domain, verified by a workspace, names the connection.
 * Returns where to send the browser (the IdP, with state, PKCE, nonce and the email as login hint).
 */
export async function startSso(
  db: Database,
  deps: SsoDeps,
  input: { email: string; next?: string | undefined },
): Promise<StartedAuthorization & { connectionPublicId: string }> {
  const domain = domainOfEmail(input.email);
  const [route] = await system(db, { role: 'owner', lookup: { sso_domain: domain } }).query((q) => repo.findVerifiedDomain(q, domain));
  const loaded = route ? await loadConnection(db, route.workspaceId, route.connectionId) : null;
  if (!route || !loaded) throw new AppError('NOT_FOUND', 'Single sign-on is not set up for this email domain');
  entitledOn(loaded.connection.plan, 'sso');
  const provider = await clientFor(deps, loaded.connection);
  const state = newState({
    provider: ssoProviderKey(route.connectionId),
    intent: 'sign_in',
    userId: null,
    workspaceId: route.workspaceId,
    next: input.next ?? `/w/${loaded.connection.workspaceSlug}`,
  });
  const url = await provider.authorizationUrl({ ...state, loginHint: input.email });
  return {
    authorizationUrl: url.toString(),
    sealedState: await sealState(deps.appSecret, state),
    connectionPublicId: ssoConnectionIds.toPublic(route.connectionId),
  };
}

/**
 * The IdP sent the browser back: check the state, verify the ID token, require an email in one of
 * the connection's verified domains, then sign in (linking or creating the account) and make the
 * person a member of the workspace with the connection's default role if they are not one yet.
 */
export async function finishSso(
  db: Database,
  deps: SsoDeps,
  input: { connectionPublicId: string; cookie: string | undefined; query: CallbackQuery },
  previousSessionHash: string | null,
  context: AuditContext,
  bus: Bus<QueryBuilder, Statement>,
): Promise<CallbackResult> {
  try {
    const connectionId = ssoConnectionIds.parse(input.connectionPublicId);
    if (!connectionId) throw new AppError('NOT_FOUND', 'Single sign-on connection not found');
    const state = await openState(deps.appSecret, ssoProviderKey(connectionId), input.cookie, input.query.state);
    const loaded = state.workspaceId ? await loadConnection(db, state.workspaceId, connectionId) : null;
    if (!loaded) throw new AppError('NOT_FOUND', 'Single sign-on connection not found');
    const { connection, domains } = loaded;
    // Checked again on the way back: the plan may have lapsed while the person was at the IdP.
    entitledOn(connection.plan, 'sso');
    const source: IdentitySource = {
      provider: ssoProviderKey(connection.id),
      method: 'sso',
      auditDetail: {
        connection_id: ssoConnectionIds.toPublic(connection.id),
        workspace_id: toPublicId('workspace', connection.workspaceId),
      },
    };
    const identity = await identifyAt(await clientFor(deps, connection), input.query, state);
    if (!identity.email || !identity.emailVerified || !domains.includes(domainOfEmail(identity.email))) {
      // `return await`: the refusal must land in the catch below, like every other failure.
      return await refuseSignIn(
        db,
        source,
        new AppError('SSO_DOMAIN_MISMATCH', 'Your identity provider did not vouch for an email address in a domain of this workspace'),
        context,
      );
    }
    const person = await personFor(db, source, { ...identity, email: identity.email }, context);
    await ensureMembership(db, connection, person.user.id, context, bus);
    const outcome = await openSession(db, source, person, previousSessionHash, context);
    return { kind: 'signed_in', outcome, next: state.next };
  } catch (error) {
    if (error instanceof AppError) return { kind: 'failed', intent: 'sign_in', error };
    throw error;
  }
}

/**
 * The IdP is authoritative for the workspace's verified domains, so an existing account with the
 * email is linked to this identity (docs/decisions/022-enterprise-sso-oidc.md); otherwise one is created.
 */
async function personFor(
  db: Database,
  source: IdentitySource,
  identity: ProviderIdentity & { email: string },
  context: AuditContext,
): Promise<{ user: SignInUser; identityId: string }> {
  const linked = await linkedUser(db, source, identity, context);
  if (linked) return linked;
  const existing = await system(db, { role: 'owner' }).query((q) => repo.findUserByEmail(q, identity.email));
  if (!existing) return createAccountFor(db, source, identity, context);
  if (existing.deletedAt)
    return refuseSignIn(db, source, new AppError('UNAUTHENTICATED', 'This account has been closed'), context, existing.id);
  const identityId = newUuid();
  await system(db, { role: 'owner', person: existing.id }).interactive(async (tx) => {
    await repo.insertIdentity(tx, {
      id: identityId,
      userId: existing.id,
      provider: source.provider,
      subject: identity.subject,
      email: identity.email,
    });
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: { type: 'user', userId: existing.id, sessionId: '', workspaceId: null, role: null },
        action: 'oauth.linked',
        target: { type: 'user', id: existing.id },
        metadata: { ...source.auditDetail, identity_id: identityId, email: identity.email, via: 'sso_verified_domain' },
      },
      context,
    );
  });
  return { user: existing, identityId };
}

/**
 * Just-in-time membership: someone the IdP vouches for joins the workspace with the default role, and
 * `members.changed` goes out with the membership (a per-seat plan's quantity follows it).
 */
async function ensureMembership(
  db: Database,
  connection: Connection,
  userId: string,
  context: AuditContext,
  bus: Bus<QueryBuilder, Statement>,
) {
  await system(db, { role: 'owner', workspace: connection.workspaceId, person: userId }).interactive(async (tx) => {
    if (await repo.findMembership(tx, connection.workspaceId, userId)) return;
    const membershipId = newUuid();
    const joined = await repo.insertMembership(tx, {
      id: membershipId,
      workspaceId: connection.workspaceId,
      userId,
      role: connection.defaultRole,
    });
    if (!joined) return;
    await recordAudit(
      tx,
      {
        workspaceId: connection.workspaceId,
        actor: { type: 'system', reason: 'sso_jit' },
        action: 'membership.jit_created',
        target: { type: 'user', id: userId },
        metadata: { role: connection.defaultRole, connection_id: ssoConnectionIds.toPublic(connection.id), membership_id: membershipId },
      },
      context,
    );
    for (const reaction of bus.reactionsTo({ type: 'members.changed', workspaceId: connection.workspaceId, change: 'joined' }, tx))
      await reaction;
  });
}
