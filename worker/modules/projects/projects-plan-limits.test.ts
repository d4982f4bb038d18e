import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql, ownerPool } from '../../test/db.ts';
import { embeddedPostgresSkip, onEmbeddedPostgres } from '../../test/row-locks.ts';
import { requestCost } from '../../test/request-cost.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { putOnPlan, workspaceOn } from '../billing/billing.testing.ts';

/** The sample's projects are limited by plan (`limits.projects`), inside the create's own batched write. */

describe('projects by plan', () => {
  it('stops projects at the Free limit of 3 with LIMIT_REACHED naming Pro, in the same batched write', async () => {
    const w = await workspaceOn('free');
    for (const name of ['One', 'Two', 'Three']) {
      expect((await call('POST', `${w.base}/projects`, { cookie: w.owner.cookie, body: { name } })).status).toBe(201);
    }
    const refused = await call('POST', `${w.base}/projects`, { cookie: w.owner.cookie, body: { name: 'Four' } });
    expect(refused.status).toBe(402);
    expect(refused.json.error).toMatchObject({ code: 'LIMIT_REACHED', upgrade: { reason: 'limit', limit: 'projects', plan: 'pro' } });
    expect(refused.json.error.message).toBe('The Free plan allows 3 projects. The Pro plan allows 50.');
    const audit = await inspectSql()`select 1 from audit_log where workspace_id = ${w.id} and action = 'project.created'`;
    expect(audit).toHaveLength(3);

    // A deleted project frees its place.
    const list = await call('GET', `${w.base}/projects`, { cookie: w.owner.cookie });
    const deleted = list.json.items[0].id;
    expect((await call('DELETE', `${w.base}/projects/${deleted}`, { cookie: w.owner.cookie })).status).toBe(204);
    expect((await call('POST', `${w.base}/projects`, { cookie: w.owner.cookie, body: { name: 'Four' } })).status).toBe(201);
    // ... and restoring it would take a place the plan no longer has.
    const restore = await call('POST', `${w.base}/projects/${deleted}/restore`, { cookie: w.owner.cookie });
    expect(restore.status).toBe(402);
    expect(restore.json.error.code).toBe('LIMIT_REACHED');
    expect((await call('GET', `${w.base}/projects/${deleted}`, { cookie: w.owner.cookie })).status).toBe(404);
  });

  it('counts a plan limit inside a create: two round trips, then one, as without a limit', async () => {
    const freeWorkspace = async () => {
      const { cookie } = await signUp();
      const ws = await createWorkspace(cookie);
      await putOnPlan(workspaceUuid(ws.id), 'free');
      return { cookie, ws };
    };
    const createProject = ({ cookie, ws }: Awaited<ReturnType<typeof freeWorkspace>>, name: string) =>
      call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie, body: { name } });

    const first = await requestCost(freeWorkspace, (w) => createProject(w, 'One'));
    expect(first.response.status).toBe(201);
    expect(first.stats).toMatchObject({ sqlRequests: 2, wsConnections: 0, wsMessages: 0 });

    const second = await requestCost(
      async () => {
        const w = await freeWorkspace();
        await createProject(w, 'One');
        return w;
      },
      (w) => createProject(w, 'Two'),
    );
    expect(second.response.status).toBe(201);
    expect(second.stats).toMatchObject({ sqlRequests: 1, wsConnections: 0, wsMessages: 0 });
  });

  it('takes no limit lock on a plan without a project limit, where a limited plan waits for it', async (ctx) => {
    if (await onEmbeddedPostgres()) ctx.skip(embeddedPostgresSkip);
    const w = await workspaceOn('team');
    const limited = await workspaceOn('pro');
    // Another transaction holds the lock a limited create takes first, as a concurrent create would.
    const pool = ownerPool();
    const holder = await pool.connect();
    const hold = (workspaceId: string) =>
      holder.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`billing-limit:projects:${workspaceId}`]);
    const within = <T>(ms: number, promise: Promise<T>) =>
      Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);
    try {
      await holder.query('begin');
      await hold(w.id);
      await hold(limited.id);
      const unlimited = await within(5_000, call('POST', `${w.base}/projects`, { cookie: w.owner.cookie, body: { name: 'Free to go' } }));
      expect(unlimited === 'still waiting' ? unlimited : unlimited.status).toBe(201);
      const waiting = call('POST', `${limited.base}/projects`, { cookie: limited.owner.cookie, body: { name: 'Waits its turn' } });
      expect(await within(1_000, waiting)).toBe('still waiting');
      await holder.query('commit');
      expect((await waiting).status).toBe(201);
    } finally {
      await holder.query('rollback').catch(() => {});
      holder.release();
      await pool.end();
    }
  });
});
