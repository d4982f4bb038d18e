import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** Files of a workspace. Each action names the lowest role allowed to take it. Shared with the web app: imports types only. */
export const permissions = {
  'file:read': 'viewer',
  'file:upload': 'member',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
