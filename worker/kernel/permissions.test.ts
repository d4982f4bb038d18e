import { describe, expect, it } from 'vitest';
import { type Actor, type Role, roles } from './actor.ts';
import { type Action, actions, can, credentialActions, rolePermissions } from './permissions.ts';

/**
 * The role × action table, written out by hand: every cell is a decision, so changing what a role
 * may do means changing this table too (and docs/permissions.md, which a node test keeps in step).
 */
const Y = true;
const N = false;
const expected: Record<Action, Record<Role, boolean>> = {
  'workspace:read': { owner: Y, admin: Y, member: Y, viewer: Y },
  'workspace:update': { owner: Y, admin: Y, member: N, viewer: N },
  'project:read': { owner: Y, admin: Y, member: Y, viewer: Y },
  'project:create': { owner: Y, admin: Y, member: Y, viewer: N },
  'project:update': { owner: Y, admin: Y, member: Y, viewer: N },
  'project:delete': { owner: Y, admin: Y, member: N, viewer: N },
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

const workspaceId = '01900000-0000-7000-8000-000000000001';
const userIn = (role: Role, ws = workspaceId): Actor => ({ type: 'user', userId: 'u', sessionId: 's', workspaceId: ws, role });
const keyIn = (role: Role): Actor => ({ type: 'api_key', apiKeyId: 'k', workspaceId, role, madeBy: 'u' });
const patIn = (role: Role): Actor => ({ type: 'user', userId: 'u', sessionId: null, workspaceId, role, via: 'pat', scopes: ['read', 'write'] });
const accessTokenIn = (role: Role): Actor => ({ type: 'user', userId: 'u', sessionId: null, workspaceId, role, via: 'access_token' });

describe('can(): every role × every action', () => {
  it('the table names every action exactly once', () => {
    expect(Object.keys(expected).sort()).toEqual([...actions].sort());
  });

  const cells = actions.flatMap((action) => roles.map((role) => [role, action, expected[action][role]] as const));
  it.each(cells)('%s may %s: %s', (role, action, allowed) => {
    expect(can(userIn(role), action, { workspaceId })).toBe(allowed);
    expect(can(accessTokenIn(role), action, { workspaceId })).toBe(allowed);
    // An API key or a personal access token never mints a credential nor changes who can sign in.
    const minting = credentialActions.has(action);
    expect(can(keyIn(role), action, { workspaceId })).toBe(allowed && !minting);
    expect(can(patIn(role), action, { workspaceId })).toBe(allowed && !minting);
    expect(rolePermissions[role].has(action)).toBe(allowed);
  });

  it('names the credential actions: creating and transferring keys, and the SSO connection', () => {
    expect([...credentialActions].sort()).toEqual(['api_key:create', 'api_key:transfer', 'sso:manage']);
  });

  it('grants nothing in another workspace, nor to a person without a role there', () => {
    const elsewhere = '01900000-0000-7000-8000-000000000002';
    for (const action of actions) {
      expect(can(userIn('owner', elsewhere), action, { workspaceId })).toBe(false);
      expect(can({ type: 'user', userId: 'u', sessionId: 's', workspaceId, role: null }, action, { workspaceId })).toBe(false);
      expect(can({ type: 'system', reason: 'test' }, action, { workspaceId })).toBe(true);
    }
  });
});
