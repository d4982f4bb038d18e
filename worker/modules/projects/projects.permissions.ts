import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** The sample product module. Each action names the lowest role allowed to take it. Shared with the web app: imports types only. */
export const permissions = {
  'project:read': 'viewer',
  'project:create': 'member',
  'project:update': 'member',
  'project:delete': 'admin',
  /** Importing a CSV creates projects, so it takes what creating one does. */
  'project:import': 'member',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
