import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/**
 * Every member may read which features are on for them in the workspace (the web app hides what is
 * off). Overrides are set by the operator (`npm run flags`), not by any role of a workspace. Each
 * action names the lowest role allowed to take it. Shared with the web app: imports types only.
 */
export const permissions = {
  'flag:read': 'viewer',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
