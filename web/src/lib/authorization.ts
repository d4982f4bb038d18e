import type { InferRequestType, InferResponseType } from 'hono/client';
import type { client } from './api-client';

/** A person's role in a workspace, as `GET /me` reports it. */
export type Role = InferResponseType<
  typeof client.api.v1.me.$get,
  200
>['memberships'][number]['role'];

/** The roles an API key can carry (never owner), as `POST /w/{workspace}/api-keys` accepts them. */
export type ApiKeyRole = NonNullable<
  InferRequestType<(typeof client.api.v1.w)[':workspace']['api-keys']['$post']>['json']['role']
>;

/**
 * The UI's copy of the worker's role table, used only to hide controls a role cannot use. The
 * API still enforces every rule; keep this in step with `worker/kernel/permissions.ts`.
 */
export type Action =
  | 'project:create'
  | 'project:update'
  | 'project:delete'
  | 'api_key:read'
  | 'api_key:create'
  | 'api_key:revoke'
  | 'api_key:transfer'
  | 'workspace:update'
  | 'workspace:delete'
  | 'workspace:restore'
  | 'member:update_role'
  | 'member:remove'
  | 'member:manage_owners'
  | 'workspace:transfer_ownership'
  | 'invite:read'
  | 'invite:create'
  | 'invite:resend'
  | 'invite:revoke'
  | 'team:create'
  | 'team:update'
  | 'team:delete'
  | 'team:manage_members'
  | 'sso:manage';

const viewer: Action[] = [];
const member: Action[] = [...viewer, 'project:create', 'project:update'];
const admin: Action[] = [
  ...member,
  'project:delete',
  'api_key:read',
  'api_key:create',
  'api_key:revoke',
  'workspace:update',
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
  'sso:manage',
];
const owner: Action[] = [
  ...admin,
  'member:manage_owners',
  'workspace:transfer_ownership',
  'workspace:delete',
  'workspace:restore',
  'api_key:transfer',
];

const permissions: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set(viewer),
  member: new Set(member),
  admin: new Set(admin),
  owner: new Set(owner),
};

export function can(role: Role, action: Action): boolean {
  return permissions[role].has(action);
}

const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

const apiKeyRoles: ApiKeyRole[] = ['viewer', 'member', 'admin'];

/** Roles an API key made by `role` may carry: never above its creator, and never owner. */
export function apiKeyRolesFor(role: Role): ApiKeyRole[] {
  return apiKeyRoles.filter((r) => rank[r] <= rank[role]);
}

/** Roles `role` may invite with: the same rule as keys (never above its own, never owner). */
export function inviteRolesFor(role: Role): ApiKeyRole[] {
  return apiKeyRolesFor(role);
}

/** Roles `role` may give a member: owner only for owners. */
export function assignableRolesFor(role: Role): Role[] {
  const all: Role[] = ['viewer', 'member', 'admin', 'owner'];
  return all.filter((r) => r !== 'owner' || can(role, 'member:manage_owners'));
}
