import { describe, expect, it } from 'vitest';
import { type Actor, type Role, roles } from '../kernel/actor.ts';
import { type Action, can, credentialActions } from '../kernel/permissions.ts';
import { permissions } from './assembly.ts';
import * as registry from './registry.ts';

/**
 * The platform's role × action table, written out by hand: every cell is a decision, so changing
 * what a role may do means changing this table too (and docs/permissions.md, which a node test keeps
 * in step). A product module checks its own rows next to it (projects/projects-permissions.test.ts).
 */
const Y = true;
const N = false;
const expected: Partial<Record<Action, Record<Role, boolean>>> = {
  'workspace:read': { owner: Y, admin: Y, member: Y, viewer: Y },
  'workspace:update': { owner: Y, admin: Y, member: N, viewer: N },
  'api_key:read': { owner: Y, admin: Y, member: N, viewer: N },
  'api_key:create': { owner: Y, admin: Y, member: N, viewer: N },
  'api_key:revoke': { owner: Y, admin: Y, member: N, viewer: N },
  'api_key:transfer': { owner: Y, admin: N, member: N, viewer: N },
  'audit:read': { owner: Y, admin: Y, member: N, viewer: N },
  'member:read': { owner: Y, admin: Y, member: Y, viewer: Y },
  'member:update_role': { owner: Y, admin: Y, member: N, viewer: N },
  'member:remove': { owner: Y, admin: Y, member: N, viewer: N },
  'member:manage_owners': { owner: Y, admin: N, member: N, viewer: N },
  'workspace:transfer_ownership': { owner: Y, admin: N, member: N, viewer: N },
  'workspace:delete': { owner: Y, admin: N, member: N, viewer: N },
  'workspace:restore': { owner: Y, admin: N, member: N, viewer: N },
  'workspace:leave': { owner: Y, admin: Y, member: Y, viewer: Y },
  'invite:read': { owner: Y, admin: Y, member: N, viewer: N },
  'invite:create': { owner: Y, admin: Y, member: N, viewer: N },
  'invite:resend': { owner: Y, admin: Y, member: N, viewer: N },
  'invite:revoke': { owner: Y, admin: Y, member: N, viewer: N },
  'team:read': { owner: Y, admin: Y, member: Y, viewer: Y },
  'team:create': { owner: Y, admin: Y, member: N, viewer: N },
  'team:update': { owner: Y, admin: Y, member: N, viewer: N },
  'team:delete': { owner: Y, admin: Y, member: N, viewer: N },
  'team:manage_members': { owner: Y, admin: Y, member: N, viewer: N },
  'sso:read': { owner: Y, admin: Y, member: N, viewer: N },
  'sso:manage': { owner: Y, admin: Y, member: N, viewer: N },
};

const platformModules = [
  registry.workspacesModule,
  registry.membersModule,
  registry.apiKeysModule,
  registry.auditModule,
  registry.oauthModule,
];
const platformActions = platformModules.flatMap((m) => Object.keys(m.permissions)) as Action[];

const workspaceId = '01900000-0000-7000-8000-000000000001';
const userIn = (role: Role, ws = workspaceId): Actor => ({ type: 'user', userId: 'u', sessionId: 's', workspaceId: ws, role });
const keyIn = (role: Role): Actor => ({ type: 'api_key', apiKeyId: 'k', workspaceId, role, madeBy: 'u' });

describe('the assembled permission table: every platform role × action', () => {
  it('the platform modules declare exactly the actions of this table, and the app table holds them all', () => {
    expect([...platformActions].sort()).toEqual(Object.keys(expected).sort());
    for (const action of platformActions) expect(permissions().actions).toContain(action);
  });

  const cells = platformActions.flatMap((action) => roles.map((role) => [role, action, expected[action]?.[role]] as const));
  it.each(cells)('%s may %s: %s', (role, action, allowed) => {
    expect(can(permissions(), userIn(role), action, { workspaceId })).toBe(allowed);
    // An API key never mints a credential nor changes who can sign in (docs/decisions/029).
    expect(can(permissions(), keyIn(role), action, { workspaceId })).toBe(allowed && !credentialActions.has(action));
    expect(permissions().allows(role, action)).toBe(allowed);
  });

  it('no two modules declare the same action', () => {
    const declared = Object.values(registry).flatMap((m) => Object.keys('permissions' in m ? m.permissions : {}));
    expect(new Set(declared).size).toBe(declared.length);
    expect(permissions().actions.sort()).toEqual([...declared].sort());
  });
});
