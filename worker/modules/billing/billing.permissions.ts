import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/**
 * Billing: who may see the plan and start Checkout or the portal. Owners only; make it `'admin'` to
 * let admins manage billing too. Shared with the web app: imports types only.
 */
export const permissions = {
  'billing:manage': 'owner',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
