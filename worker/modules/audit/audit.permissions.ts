import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** The audit log and its exports. Each action names the lowest role allowed to take it. Shared with the web app: imports types only. */
export const permissions = {
  'audit:read': 'admin',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
