import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { loadConfig } from '../kernel/config.ts';
import { sha256Hex } from '../kernel/crypto.ts';
import { parsePublicId } from '../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../test/client.ts';
import { ownerPool, ownerSql } from '../test/db.ts';
import { Database } from './client.ts';
import { team } from '../modules/members/members.tables.ts';
import { type Principal, tenantRead, withTenant } from './tenant.ts';
import { setContextText } from './context.ts';

async function principalFor(cookie: string, slug: string): Promise<Principal> {
  const token = cookie.split('=')[1] ?? '';
  return { credential: { kind: 'session', tokenHash: await sha256Hex(token) }, workspace: { id: null, slug } };
}

async function twoTenants() {
  const a = await signUp('Alice');
  const b = await signUp('Bob');
  const wsA = await createWorkspace(a.cookie, 'Alpha');
  const wsB = await createWorkspace(b.cookie, 'Beta');
  const ta = await call('POST', `/api/v1/w/${wsA.slug}/teams`, { cookie: a.cookie, body: { name: 'alpha-only' } });
  const tb = await call('POST', `/api/v1/w/${wsB.slug}/teams`, { cookie: b.cookie, body: { name: 'beta-only' } });
  return { a, b, wsA, wsB, teamA: ta.json.id as string, teamB: tb.json.id as string };
}

describe('tenant isolation in the database', () => {
  it('a repo query without WHERE workspace_id still returns only the current workspace, through the driver', async () => {
    const { a, wsA } = await twoTenants();
    const db = new Database(loadConfig(env));
    const { result } = await tenantRead(db, await principalFor(a.cookie, wsA.slug), (http) => http.select({ name: team.name }).from(team));
    expect(result.map((r) => r.name)).toEqual(['alpha-only']);
  });

  it('runs an interactive transaction as the request role, in the workspace, once the credential resolves', async () => {
    const { a, wsA } = await twoTenants();
    const db = new Database(loadConfig(env));
    try {
      const seen = await withTenant(db, await principalFor(a.cookie, wsA.slug), async (tx, scope) => {
        const [row] = (await tx.execute(sql`select current_user as role, current_setting('app.workspace_id', true) as ws`)).rows;
        return { row, workspaceId: scope.workspace?.id };
      });
      expect(seen.row).toEqual({ role: 'app_request', ws: seen.workspaceId });

      const unknown: Principal = { credential: { kind: 'session', tokenHash: 'f'.repeat(64) }, workspace: { id: null, slug: wsA.slug } };
      let ran = false;
      await expect(
        withTenant(db, unknown, async () => {
          ran = true;
        }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(ran).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('returns nothing from tenant tables when no workspace is set', async () => {
    await twoTenants();
    const owner = ownerSql();
    const [, rows] = await owner.transaction([owner`set local role app_request`, owner`select count(*)::int as n from team`]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('never carries one request’s tenant context into the next on a reused connection', async () => {
    const { a, wsA } = await twoTenants();
    const db = new Database(loadConfig(env));
    await withTenant(db, await principalFor(a.cookie, wsA.slug), async (tx) => {
      const seen = await tx.execute(sql`select count(*)::int as n from team`);
      expect(seen.rows).toEqual([{ n: 1 }]);
    });
    // Same WebSocket session (pool of one): the next transaction starts with no context at all.
    const after = await db.pool.transaction(async (tx) => {
      await tx.execute(sql`set local role app_request`);
      const setting = await tx.execute(sql`select current_setting('app.workspace_id', true) as ws, current_user as role`);
      const count = await tx.execute(sql`select count(*)::int as n from team`);
      return { setting: setting.rows[0], count: count.rows[0] };
    });
    await db.close();
    expect(after.setting).toMatchObject({ role: 'app_request' });
    expect([null, '']).toContain((after.setting as { ws: string | null }).ws);
    expect(after.count).toEqual({ n: 0 });
  });

  it('refuses updates and deletes of audit entries, even for the workspace they belong to', async () => {
    const { wsA } = await twoTenants();
    const wsId = parsePublicId('workspace', wsA.id);
    const pool = ownerPool();
    const client = await pool.connect();
    try {
      const attempt = async (statement: string) => {
        await client.query('begin');
        try {
          await client.query(setContextText('workspace_id'), [wsId]);
          await client.query('set local role app_request');
          const visible = await client.query('select count(*)::int as n from audit_log');
          expect(visible.rows[0].n).toBeGreaterThan(0);
          await client.query(statement);
          return 'allowed';
        } catch (error) {
          return (error as { code?: string }).code;
        } finally {
          await client.query('rollback');
        }
      };
      expect(await attempt(`update audit_log set action = 'tampered'`)).toBe('42501');
      expect(await attempt('delete from audit_log')).toBe('42501');
    } finally {
      client.release();
      await pool.end();
    }
  });
});

describe('tenant isolation over HTTP', () => {
  it('answers another workspace’s team exactly like a missing one', async () => {
    const { a, wsA, wsB, teamB } = await twoTenants();
    const viaOwnWorkspace = await call('GET', `/api/v1/w/${wsA.slug}/teams/${teamB}`, { cookie: a.cookie });
    const missing = await call('GET', `/api/v1/w/${wsA.slug}/teams/team_0000000000000000000000000`, { cookie: a.cookie });
    const viaOtherWorkspace = await call('GET', `/api/v1/w/${wsB.slug}/teams/${teamB}`, { cookie: a.cookie });
    const unknownWorkspace = await call('GET', '/api/v1/w/no-such-workspace/teams', { cookie: a.cookie });
    expect(viaOwnWorkspace.status).toBe(404);
    expect(viaOwnWorkspace.json.error.message).toBe(missing.json.error.message);
    expect(viaOtherWorkspace.status).toBe(404);
    expect(viaOtherWorkspace.json.error.code).toBe('NOT_FOUND');
    expect(viaOtherWorkspace.json.error.message).toBe(unknownWorkspace.json.error.message);
    expect(viaOtherWorkspace.text).not.toContain('beta-only');
  });

  it('resolves the workspace by slug and by prefixed id alike', async () => {
    const { a, wsA } = await twoTenants();
    const bySlug = await call('GET', `/api/v1/w/${wsA.slug}/teams`, { cookie: a.cookie });
    const byId = await call('GET', `/api/v1/w/${wsA.id}/teams`, { cookie: a.cookie });
    expect(byId.status).toBe(200);
    expect(byId.json.items).toEqual(bySlug.json.items);
  });
});
