import type { Actor, Role, TokenScope } from './actor.ts';

/**
 * Every permission decision in the app goes through `can()`. Roles map to actions here and only
 * here; handlers and services never compare role names themselves.
 */
export const actions = [
  'workspace:read',
  'workspace:update',
  'project:read',
  'project:create',
  'project:update',
  'project:delete',
  'api_key:read',
  'api_key:create',
  'api_key:revoke',
  'api_key:transfer',
  'audit:read',
  'workspace:delete',
  'workspace:restore',
  'member:read',
  'member:update_role',
  'member:remove',
  'member:manage_owners',
  'workspace:transfer_ownership',
  'invite:read',
  'invite:create',
  'invite:resend',
  'invite:revoke',
  'team:read',
  'team:create',
  'team:update',
  'team:delete',
  'team:manage_members',
  'workspace:leave',
  'sso:read',
  'sso:manage',
] as const;
export type Action = (typeof actions)[number];

const viewer: Action[] = ['workspace:read', 'project:read', 'member:read', 'team:read', 'workspace:leave'];
const member: Action[] = [...viewer, 'project:create', 'project:update'];
const admin: Action[] = [
  ...member,
  'workspace:update',
  'project:delete',
  'api_key:read',
  'api_key:create',
  'api_key:revoke',
  'audit:read',
  'member:update_role',
  'member:remove',
  'invite:read',
  'invite:create',
  'invite:resend',
  'invite:revoke',
  'team:create',
  'team:update',
  'team:delete',
  'team:manage_members',
  'sso:read',
  'sso:manage',
];
// Only owners touch ownership: grant it, take it from another owner, remove an owner, hand it over.
const owner: Action[] = [
  ...admin,
  'member:manage_owners',
  'workspace:transfer_ownership',
  'workspace:delete',
  'workspace:restore',
  'api_key:transfer',
];

export const rolePermissions: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set(viewer),
  member: new Set(member),
  admin: new Set(admin),
  owner: new Set(owner),
};

/** A resource the action targets; today only its workspace matters, ownership rules can join later. */
export interface Resource {
  workspaceId: string;
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.type === 'system') return true;
  if (actor.workspaceId !== resource.workspaceId || actor.role === null) return false;
  if (credentialActions.has(action) && !mayMintCredentials(actor)) return false;
  if (actor.type === 'user' && !tokenAllows(actor, action)) return false;
  return rolePermissions[actor.role].has(action);
}

/**
 * Actions that mint a credential, hand one to someone, or change who can sign in to the workspace
 * (its SSO connection and domains). Only a person signed in does them: a session or an access
 * token. An API key or a personal access token never does, whatever its role or scopes, so no
 * credential outlives or out-ranks the one that made it (docs/decisions/029-credential-authority.md).
 */
export const credentialActions: ReadonlySet<Action> = new Set(['api_key:create', 'api_key:transfer', 'sso:manage']);

/** True for the principals that may do `credentialActions`: a person's session or access token. */
export function mayMintCredentials(actor: Actor): boolean {
  if (actor.type === 'system') return true;
  return actor.type === 'user' && actor.via !== 'pat';
}

/**
 * A personal access token narrows what its person may do: `read` allows the `…:read` actions,
 * `write` the others, except `credentialActions`, which a token never does (an expiring token
 * must not mint a key that outlives it). Sessions and access tokens are unrestricted.
 */
export const scopeActions: Record<TokenScope, ReadonlySet<Action>> = {
  read: new Set(actions.filter((a) => a.endsWith(':read'))),
  write: new Set(actions.filter((a) => !a.endsWith(':read') && !credentialActions.has(a))),
};

function tokenAllows(actor: Extract<Actor, { type: 'user' }>, action: Action): boolean {
  if (actor.via !== 'pat') return true;
  return (actor.scopes ?? []).some((scope) => scopeActions[scope].has(action));
}

/** True when a personal access token with these scopes may make a request with `method` at all. */
export function scopesAllowMethod(scopes: readonly TokenScope[], method: string): boolean {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) || scopes.includes('write');
}

const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** True when `role` grants no more than `ceiling` (a key, an invitation or a role change never out-ranks its maker). */
export function roleAtMost(role: Role, ceiling: Role): boolean {
  return rank[role] <= rank[ceiling];
}
