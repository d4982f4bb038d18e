import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/**
 * Billing: every member sees the plan in force and the trial (what a banner shows); who may see the
 * subscription, start Checkout or the portal and extend the trial: owners only; make it `'admin'`
 * to let admins manage billing too. Shared with the web app: imports types only.
 */
export const permissions = {
  'billing:read': 'viewer',
  'billing:manage': 'owner',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
