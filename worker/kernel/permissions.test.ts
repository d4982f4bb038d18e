import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './actor.ts';
import { type Action, can, credentialActions, mayMintCredentials, PermissionTable, scopeAllows } from './permissions.ts';

// The kernel decides with whatever table it is handed; the app's table, assembled from the module
// registry, is checked cell by cell in worker/modules/permissions.test.ts.
const table = new PermissionTable([
  { 'workspace:read': 'viewer', 'workspace:update': 'admin' },
  { 'api_key:create': 'admin', 'workspace:delete': 'owner' },
]);

const workspaceId = '01900000-0000-7000-8000-000000000001';
const userIn = (role: Role, ws = workspaceId): Actor => ({ type: 'user', userId: 'u', sessionId: 's', workspaceId: ws, role });

describe('PermissionTable and can()', () => {
  it('allows an action to its lowest role and every role above it', () => {
    expect((['viewer', 'member', 'admin', 'owner'] as const).map((r) => table.allows(r, 'workspace:update'))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(table.lowestRole('workspace:delete')).toBe('owner');
    expect(table.actions).toEqual(['workspace:read', 'workspace:update', 'api_key:create', 'workspace:delete']);
  });

  it('refuses an action no module declares, to every role', () => {
    expect(can(table, userIn('owner'), 'team:read' as Action, { workspaceId })).toBe(false);
    expect(table.lowestRole('team:read' as Action)).toBeNull();
  });

  it('refuses an action declared twice', () => {
    expect(() => new PermissionTable([{ 'team:read': 'viewer' }, { 'team:read': 'admin' }])).toThrow(/declared twice/);
  });

  it('grants nothing in another workspace, nor to a person without a role there; the system may do anything', () => {
    const elsewhere = '01900000-0000-7000-8000-000000000002';
    expect(can(table, userIn('owner', elsewhere), 'workspace:read', { workspaceId })).toBe(false);
    expect(can(table, { type: 'user', userId: 'u', sessionId: 's', workspaceId, role: null }, 'workspace:read', { workspaceId })).toBe(
      false,
    );
    expect(can(table, { type: 'system', reason: 'test' }, 'workspace:delete', { workspaceId })).toBe(true);
  });

  it('narrows a personal access token by scope: read only reads, write never mints credentials', () => {
    expect(scopeAllows('read', 'workspace:read')).toBe(true);
    expect(scopeAllows('read', 'workspace:update')).toBe(false);
    expect(scopeAllows('write', 'workspace:update')).toBe(true);
    expect(scopeAllows('write', 'workspace:read')).toBe(false);
    expect(scopeAllows('write', 'api_key:create')).toBe(false);
    const pat = { ...userIn('owner'), via: 'pat' as const, scopes: ['read', 'write'] as const };
    expect(can(table, pat, 'api_key:create', { workspaceId })).toBe(false);
    expect(can(table, userIn('owner'), 'api_key:create', { workspaceId })).toBe(true);
  });

  it('lets only a person signed in mint credentials or change who signs in: never an API key or a token', () => {
    expect([...credentialActions].sort()).toEqual(['api_key:create', 'api_key:transfer', 'sso:manage']);
    const key: Actor = { type: 'api_key', apiKeyId: 'k', workspaceId, role: 'admin', madeBy: 'u' };
    const accessToken: Actor = { type: 'user', userId: 'u', sessionId: null, workspaceId, role: 'admin', via: 'access_token' };
    expect(can(table, key, 'api_key:create', { workspaceId })).toBe(false);
    expect(can(table, key, 'workspace:update', { workspaceId })).toBe(true);
    expect(can(table, accessToken, 'api_key:create', { workspaceId })).toBe(true);
    expect(mayMintCredentials(key)).toBe(false);
    expect(mayMintCredentials({ type: 'system', reason: 'test' })).toBe(true);
  });
});
