import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** Realtime: every member may follow the workspace live and see who is online. Imports types only. */
export const permissions = {
  'realtime:connect': 'viewer',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
