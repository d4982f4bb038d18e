import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** A workspace's single sign-on connection. Each action names the lowest role allowed to take it. Shared with the web app: imports types only. */
export const permissions = {
  'sso:read': 'admin',
  'sso:manage': 'admin',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
