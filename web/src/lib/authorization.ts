import type { InferRequestType, InferResponseType } from 'hono/client';
import type { client } from './api-client';
import { type Action, PermissionTable, type PermissionRows, roleAtMost } from '../../../worker/kernel/permissions.ts';
import { t } from './i18n';

/** A person's role in a workspace, as `GET /me` reports it. */
export type Role = InferResponseType<typeof client.api.v1.me.$get, 200>['memberships'][number]['role'];

/** The roles an API key can carry (never owner), as `POST /w/{workspace}/api-keys` accepts them. */
export type ApiKeyRole = NonNullable<InferRequestType<(typeof client.api.v1.w)[':workspace']['api-keys']['$post']>['json']['role']>;

/**
 * The worker's own role × action table, read from every module's permissions file (plain data that
 * imports types only) and assembled by the kernel's `PermissionTable`: one source for both sides.
 * Used only to hide controls a role cannot use; the API still enforces every rule.
 */
const rows = import.meta.glob<PermissionRows>('../../../worker/modules/*/*.permissions.ts', {
  eager: true,
  import: 'permissions',
});
const table = new PermissionTable(Object.values(rows));

export function can(role: Role, action: Action): boolean {
  return table.allows(role, action);
}

const apiKeyRoles: ApiKeyRole[] = ['viewer', 'member', 'admin'];

/** Roles an API key made by `role` may carry: never above its creator, and never owner. */
export function apiKeyRolesFor(role: Role): ApiKeyRole[] {
  return apiKeyRoles.filter((r) => roleAtMost(r, role));
}

/** Roles `role` may invite with: the same rule as keys (never above its own, never owner). */
export function inviteRolesFor(role: Role): ApiKeyRole[] {
  return apiKeyRolesFor(role);
}

/** Roles `role` may give a member: owner only for owners. */
export function assignableRolesFor(role: Role): Role[] {
  const all: Role[] = ['viewer', 'member', 'admin', 'owner'];
  return all.filter((r) => r !== 'owner' || can(role, 'member:manage_owners'));
}

/** A role as people read it ("Owner"), not as the API spells it. */
export const roleLabel = (role: Role): string => t(`role.${role}`);
