import type { Role } from '@/types/api';

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
  | 'api_key:revoke';

const viewer: Action[] = [];
const member: Action[] = [...viewer, 'project:create', 'project:update'];
const admin: Action[] = [
  ...member,
  'project:delete',
  'api_key:read',
  'api_key:create',
  'api_key:revoke',
];

const permissions: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set(viewer),
  member: new Set(member),
  admin: new Set(admin),
  owner: new Set(admin),
};

export function can(role: Role, action: Action): boolean {
  return permissions[role].has(action);
}

const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

const apiKeyRoles: Role[] = ['viewer', 'member', 'admin'];

/** Roles an API key made by `role` may carry: never above its creator, and never owner. */
export function apiKeyRolesFor(role: Role): Role[] {
  return apiKeyRoles.filter((r) => rank[r] <= rank[role]);
}
