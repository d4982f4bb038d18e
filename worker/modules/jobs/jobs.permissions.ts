import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** Background jobs of a workspace. Each action names the lowest role allowed to take it. Shared with the web app: imports types only. */
export const permissions = {
  'job_failure:read': 'admin',
  'job_failure:retry': 'admin',
  /** Jobs one started (an import): anyone who could start one may watch and cancel their own. */
  'job:read': 'viewer',
  /** Everyone's jobs in the workspace. */
  'job:read_any': 'admin',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
