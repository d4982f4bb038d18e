import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/**
 * A person's own notifications and preferences: every member has them (RLS shows each only their
 * own). Each action names the lowest role allowed to take it. Shared with the web app: imports types only.
 */
export const permissions = {
  'notification:read': 'viewer',
  'notification:mark_read': 'viewer',
  'notification_preference:read': 'viewer',
  'notification_preference:update': 'viewer',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
