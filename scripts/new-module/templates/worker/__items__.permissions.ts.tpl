import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** Each action names the lowest role allowed to take it. Shared with the web app: imports types only. */
export const permissions = {
  '__item__:read': 'viewer',
  '__item__:create': 'member',
  '__item__:update': 'member',
  '__item__:delete': 'admin',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
