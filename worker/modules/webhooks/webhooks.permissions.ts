import type { ActionsOf, PermissionRows } from '../../kernel/permissions.ts';

/** Outgoing webhooks: owners and admins manage endpoints and read their deliveries. Imports types only. */
export const permissions = {
  'webhook:manage': 'admin',
} as const satisfies PermissionRows;

declare module '../../kernel/permissions.ts' {
  interface PermissionRegistry extends ActionsOf<typeof permissions> {}
}
