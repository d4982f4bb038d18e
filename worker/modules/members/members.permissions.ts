import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** Members, invitations and teams. Each action names the lowest role allowed to take it. Shared with the web app: imports types only. */
export const permissions = {
  'member:read': 'viewer',
  'member:update_role': 'admin',
  'member:remove': 'admin',
  // Granting ownership, or removing an owner, is for owners only.
  'member:manage_owners': 'owner',
  'invite:read': 'admin',
  'invite:create': 'admin',
  'invite:resend': 'admin',
  'invite:revoke': 'admin',
  'team:read': 'viewer',
  'team:create': 'admin',
  'team:update': 'admin',
  'team:delete': 'admin',
  'team:manage_members': 'admin',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
