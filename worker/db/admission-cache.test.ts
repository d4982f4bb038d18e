import { describe, expect, it } from 'vitest';
import { AdmissionCache } from './admission-cache.ts';
import type { Principal, Scope } from './tenant.ts';

const principal = (tokenHash: string, slug = 'acme'): Principal => ({
  credential: { kind: 'session', tokenHash },
  workspace: { id: null, slug },
});

const scopeOf = (userId: string): Scope => ({
  actor: { type: 'user', userId, sessionId: 's', workspaceId: 'w', role: 'member' },
  userId,
  workspace: {
    id: 'w',
    slug: 'acme',
    deletedAt: null,
    suspendedAt: null,
    billing: { plan: 'team', state: 'trialing', trialEndsAt: null, trialExtended: false, usageLimitReached: null },
    eventConsumers: [],
  },
});

describe('AdmissionCache', () => {
  it('remembers a scope per credential and workspace, and forgets it after its time', () => {
    let now = 1_000;
    const cache = new AdmissionCache(30_000, 10, () => now);
    cache.set(principal('a'), scopeOf('u1'));

    expect(cache.get(principal('a'))?.userId).toBe('u1');
    expect(cache.get(principal('a', 'other'))).toBeNull();
    expect(cache.get(principal('b'))).toBeNull();
    expect(cache.get({ ...principal('a'), credential: { kind: 'api_key', tokenHash: 'a' } })).toBeNull();

    now += 30_000;
    expect(cache.get(principal('a'))).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('keeps at most its bound, dropping the entry set longest ago', () => {
    const cache = new AdmissionCache(30_000, 2);
    cache.set(principal('a'), scopeOf('u1'));
    cache.set(principal('b'), scopeOf('u2'));
    cache.set(principal('a'), scopeOf('u1'));
    cache.set(principal('c'), scopeOf('u3'));

    expect(cache.size).toBe(2);
    expect(cache.get(principal('b'))).toBeNull();
    expect(cache.get(principal('a'))?.userId).toBe('u1');
    expect(cache.get(principal('c'))?.userId).toBe('u3');
  });

  it('forgets an entry on request', () => {
    const cache = new AdmissionCache();
    cache.set(principal('a'), scopeOf('u1'));
    cache.delete(principal('a'));
    expect(cache.get(principal('a'))).toBeNull();
  });
});
