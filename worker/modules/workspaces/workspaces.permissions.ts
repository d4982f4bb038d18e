import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** The workspace's own actions. Each action names the lowest role allowed to take it. Shared with the web app: imports types only. */
export const permissions = {
  'workspace:read': 'viewer',
  'workspace:leave': 'viewer',
  'workspace:update': 'admin',
  // Only owners touch ownership: hand it over, delete the workspace, bring it back.
  'workspace:transfer_ownership': 'owner',
  'workspace:delete': 'owner',
  'workspace:restore': 'owner',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
