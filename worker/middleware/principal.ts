import type { Context } from 'hono';
import { TenantGateway } from '../db/gateway.ts';
import type { Principal, Scope } from '../db/tenant.ts';
import type { AppEnv } from '../env.ts';
import { AppError } from '../kernel/errors.ts';

/** The credential and workspace the chain has read from this request, ready for the database. */
export function principalOf(c: Context<AppEnv>): Principal {
  const credential = c.get('credential');
  if (!credential) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
  return { credential, workspace: c.get('workspaceRef') };
}

/** What the request learns from its credential check: the actor, and for its bus, who wants the workspace's events. */
function resolved(c: Context<AppEnv>): (scope: Scope) => void {
  return (scope) => {
    c.set('actor', scope.actor);
    c.get('services').scopeResolved?.(scope);
  };
}

/** The services' door to tenant data for this request. */
export function tenantGateway(c: Context<AppEnv>): TenantGateway {
  return new TenantGateway(c.get('db'), principalOf(c), c.get('unitOfWork'), resolved(c));
}

/**
 * The gateway of the one route that acts on a deleted workspace: restoring it. Every other route
 * gets WORKSPACE_DELETED from the credential check.
 */
export function restoringGateway(c: Context<AppEnv>): TenantGateway {
  const principal = principalOf(c);
  const workspace = principal.workspace ? { ...principal.workspace, access: 'restore' as const } : null;
  return new TenantGateway(c.get('db'), { ...principal, workspace }, c.get('unitOfWork'), resolved(c));
}

/**
 * The gateway of the billing routes that must work once the trial has ended (choosing a plan, the
 * portal, extending the trial): everything else is read-only then.
 */
export function billingGateway(c: Context<AppEnv>): TenantGateway {
  const principal = principalOf(c);
  const workspace = principal.workspace ? { ...principal.workspace, access: 'billing' as const } : null;
  return new TenantGateway(c.get('db'), { ...principal, workspace }, c.get('unitOfWork'), resolved(c));
}

// The rest of what a module may use of the chain; its other files are the chain's own
// (scripts/boundaries.ts, `middlewareInternals`).
export { apiKeyPrefix, sessionCookieName } from './auth.ts';
export { limited, rateLimitSubject } from './rate-limit.ts';
