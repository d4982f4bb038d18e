import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** Workspace API keys. Each action names the lowest role allowed to take it. Shared with the web app: imports types only. */
export const permissions = {
  'api_key:read': 'admin',
  'api_key:create': 'admin',
  'api_key:revoke': 'admin',
  'api_key:transfer': 'owner',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
