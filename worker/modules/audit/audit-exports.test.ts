import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import { Database } from '../../db/client.ts';
import { TenantGateway } from '../../db/tenant-gateway.ts';
import type { Role } from '../../kernel/actor.ts';
import { loadConfig } from '../../kernel/config.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { parsePublicId, type PublicIdKind } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql, ownerSql } from '../../test/db.ts';
import type { Storage } from '../../kernel/storage.ts';
import { R2Storage } from '../../adapters/storage/r2.ts';
import { exportObjectKey, runAuditExport } from './audit-exports.job.ts';
import { requestExport } from './audit-exports.service.ts';
import { setContextText } from '../../db/context.ts';
import { auditExportIds, auditLogIds } from './audit.ids.ts';

const uuidOf = (kind: 'workspace' | 'user' | PublicIdKind, publicId: string) =>
  (typeof kind === 'string' ? parsePublicId(kind, publicId) : kind.parse(publicId)) ?? '';

/** A workspace with an owner, a few audited changes and a person of the given role. */
async function workspaceWith(role: Role, teams: string[]) {
  const owner = await signUp();
  const ws = await createWorkspace(owner.cookie);
  const person = await signUp();
  await addMember(uuidOf('workspace', ws.id), uuidOf('user', person.user.id), role);
  for (const name of teams) {
    const res = await call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie: owner.cookie, body: { name } });
    expect(res.status).toBe(201);
  }
  return { ws, owner, cookie: person.cookie, base: `/api/v1/w/${ws.slug}/audit-exports` };
}

/** Runs the export job through the real consumer, as the queue would deliver it. */
async function runExportJob(workspacePublicId: string, exportPublicId: string) {
  const body = envelope('audit-log.export', {
    workspace_id: uuidOf('workspace', workspacePublicId),
    export_id: uuidOf(auditExportIds, exportPublicId),
  });
  return runBatch([delivery(body)]);
}

async function auditEntryIds(workspacePublicId: string): Promise<string[]> {
  const rows = (await inspectSql()`
    select id from audit_log where workspace_id = ${uuidOf('workspace', workspacePublicId)}`) as Array<{ id: string }>;
  return rows.map((row) => auditLogIds.toPublic(row.id));
}

/** The export's file record with its job's status, in the words of the export's answers. */
async function exportRow(exportPublicId: string) {
  const [row] = (await inspectSql()`
    select case j.status when 'queued' then 'pending' when 'succeeded' then 'done' when 'cancelled' then 'failed' else j.status end as status, e.object_key, e.row_count, j.error, j.finished_at::text as finished_at
      from audit_export e join job j using (id) where e.id = ${uuidOf(auditExportIds, exportPublicId)}`) as Array<Record<string, any>>;
  return row;
}

/** Changes an export the way only the database could (as the owner, inside its workspace). */
async function updateExport(workspacePublicId: string, exportPublicId: string, set: 'failed' | 'expired') {
  const sql = ownerSql();
  const id = uuidOf(auditExportIds, exportPublicId);
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [uuidOf('workspace', workspacePublicId)]),
    set === 'failed'
      ? sql`update job set status = 'failed', error = 'boom' where id = ${id}`
      : sql`update audit_export set expires_at = now() - interval '1 minute' where id = ${id}`,
  ]);
}

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, any>);

describe('audit log export', () => {
  it('exports the workspace’s entries, and only those, as NDJSON through the queue job', async () => {
    const a = await workspaceWith('admin', ['Apollo', 'Gemini']);
    const b = await workspaceWith('admin', ['Secret-B']);

    const accepted = await call('POST', a.base, { cookie: a.cookie });
    expect(accepted.status).toBe(202);
    expect(Object.keys(accepted.json).sort()).toEqual(['created_at', 'id', 'job_id', 'status']);
    expect(accepted.json.job_id).toMatch(/^job_[0-9a-z]{25}$/);
    const watched = await call('GET', `/api/v1/w/${a.ws.slug}/jobs/${accepted.json.job_id}`, { cookie: a.cookie });
    expect(watched.json).toMatchObject({ kind: 'audit-log.export', status: 'queued', progress: 0 });
    expect(accepted.json.id).toMatch(/^aex_[0-9a-z]{25}$/);
    expect(accepted.json.status).toBe('pending');
    const exportId = accepted.json.id as string;

    const early = await call('GET', `${a.base}/${exportId}/download`, { cookie: a.cookie });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('EXPORT_NOT_READY');

    const result = await runExportJob(a.ws.id, exportId);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);

    const status = await call('GET', `${a.base}/${exportId}`, { cookie: a.cookie });
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ id: exportId, job_id: accepted.json.job_id, status: 'done' });
    const job = await call('GET', `/api/v1/w/${a.ws.slug}/jobs/${accepted.json.job_id}`, { cookie: a.cookie });
    expect(job.json).toMatchObject({
      status: 'succeeded',
      progress: status.json.row_count,
      total: status.json.row_count,
      result: { row_count: status.json.row_count },
    });
    const finished = Date.parse(status.json.finished_at);
    expect(Date.parse(status.json.expires_at) - finished).toBe(7 * 24 * 3600 * 1000);

    const download = await call('GET', `${a.base}/${exportId}/download`, { cookie: a.cookie });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/x-ndjson');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="audit-log-${exportId}.ndjson"`);
    const entries = lines(download.text);
    expect(entries).toHaveLength(status.json.row_count);

    // Every entry of workspace A up to the request, the request's own entry included; none of B's.
    const idsOfA = await auditEntryIds(a.ws.id);
    const idsOfB = await auditEntryIds(b.ws.id);
    expect(idsOfB.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.id).sort()).toEqual(idsOfA.sort());
    expect(entries.some((e) => idsOfB.includes(e.id))).toBe(false);
    expect(download.text).not.toContain('Secret-B');
    expect(entries.filter((e) => e.action === 'team.created')).toHaveLength(2);
    const exported = entries.find((e) => e.action === 'audit_log.exported');
    expect(exported).toMatchObject({ target_type: 'audit_export', target_id: uuidOf(auditExportIds, exportId) });
    // Oldest first.
    const times = entries.map((e) => Date.parse(e.created_at));
    expect([...times].sort((x, y) => x - y)).toEqual(times);

    // The object sits where the job says, in the real (local) R2 bucket.
    const key = exportObjectKey(uuidOf('workspace', a.ws.id), uuidOf(auditExportIds, exportId));
    expect((await exportRow(exportId))?.object_key).toBe(key);
    expect(await (await env.FILES.get(key))?.text()).toBe(download.text);
  });

  it('is harmless to run twice: a finished export is left as it is', async () => {
    const a = await workspaceWith('owner', ['Mercury']);
    const { json } = await call('POST', a.base, { cookie: a.owner.cookie });
    await runExportJob(a.ws.id, json.id);
    const first = await exportRow(json.id);
    const key = first?.object_key as string;
    const firstObject = await env.FILES.head(key);

    const again = await runExportJob(a.ws.id, json.id);

    expect(again.explicitAcks).toHaveLength(1);
    expect(again.retryMessages).toEqual([]);
    expect(await exportRow(json.id)).toEqual(first);
    expect((await env.FILES.head(key))?.uploaded).toEqual(firstObject?.uploaded);
    const runs = (await ownerSql()`
      select detail->'result' as result from job_run
       where job = 'audit-log.export' and detail->'result'->>'outcome' = 'already_done'
       order by started_at desc limit 1`) as Array<{ result: Record<string, unknown> }>;
    expect(runs[0]?.result).toEqual({ outcome: 'already_done' });
  });

  it('counts the entries it will write first: its job has a total while it runs', async () => {
    const a = await workspaceWith('owner', ['Zond', 'Luna']);
    const { json } = await call('POST', a.base, { cookie: a.owner.cookie });
    await runExportJob(a.ws.id, json.id);
    const written = (await exportRow(json.id))?.row_count as number;
    await updateExport(a.ws.id, json.id, 'failed');
    const failing: Storage = {
      put: async (_key, body) => {
        // Read the entries, as storage would, then refuse them.
        if (body instanceof ReadableStream) await new Response(body).text();
        throw new Error('bucket down');
      },
      get: async () => null,
      head: async () => null,
      delete: async () => {},
      deletePrefix: async () => 0,
    };
    const db = new Database(loadConfig(env));
    const bus = { reactionsTo: () => [] } as unknown as Parameters<typeof runAuditExport>[0]['bus'];

    const run = runAuditExport({ db, storage: failing, bus }, uuidOf('workspace', a.ws.id), uuidOf(auditExportIds, json.id));

    await expect(run).rejects.toThrow('bucket down');
    await db.close();
    const job = await call('GET', `/api/v1/w/${a.ws.slug}/jobs/${json.job_id}`, { cookie: a.owner.cookie });
    expect(written).toBeGreaterThan(2);
    expect(job.json).toMatchObject({ status: 'failed', total: written, error: 'Error: bucket down' });
  });

  it('removes the file it wrote when the export went meanwhile (its workspace purged), leaving nothing behind', async () => {
    const a = await workspaceWith('owner', ['Skylab']);
    const { json } = await call('POST', a.base, { cookie: a.owner.cookie });
    const workspaceId = uuidOf('workspace', a.ws.id);
    const exportId = uuidOf(auditExportIds, json.id);
    const key = exportObjectKey(workspaceId, exportId);
    const r2 = new R2Storage(env.FILES);
    const purgedWhileWriting: Storage = {
      get: (objectKey) => r2.get(objectKey),
      head: (objectKey) => r2.head(objectKey),
      deletePrefix: (prefix) => r2.deletePrefix(prefix),
      put: async (objectKey, body, options) => {
        await r2.put(objectKey, body, options);
        // As the purge's cascade would, past row-level security: the server's superuser on CI.
        const sql = inspectSql();
        await sql.transaction([sql`delete from audit_export where id = ${exportId}`, sql`delete from job where id = ${exportId}`]);
      },
      delete: (objectKey) => r2.delete(objectKey),
    };
    const db = new Database(loadConfig(env));
    const bus = { reactionsTo: () => [] } as unknown as Parameters<typeof runAuditExport>[0]['bus'];

    const outcome = await runAuditExport({ db, storage: purgedWhileWriting, bus }, workspaceId, exportId);

    await db.close();
    expect(outcome).toEqual({ outcome: 'missing' });
    expect(await env.FILES.head(key)).toBeNull();
  });

  it('writes a failed export again, to the same key', async () => {
    const a = await workspaceWith('owner', ['Vostok']);
    const { json } = await call('POST', a.base, { cookie: a.owner.cookie });
    await runExportJob(a.ws.id, json.id);
    const done = await exportRow(json.id);
    await updateExport(a.ws.id, json.id, 'failed');

    await runExportJob(a.ws.id, json.id);

    expect(await exportRow(json.id)).toMatchObject({
      status: 'done',
      object_key: done?.object_key,
      row_count: done?.row_count,
      error: null,
    });
  });

  it('does nothing when a job names another workspace than the export’s', async () => {
    const a = await workspaceWith('owner', ['Soyuz']);
    const b = await workspaceWith('owner', []);
    const { json } = await call('POST', a.base, { cookie: a.owner.cookie });

    const result = await runExportJob(b.ws.id, json.id);

    expect(result.explicitAcks).toHaveLength(1);
    expect(await exportRow(json.id)).toMatchObject({ status: 'pending', object_key: null });
    const wrongKey = exportObjectKey(uuidOf('workspace', b.ws.id), uuidOf(auditExportIds, json.id));
    expect(await env.FILES.head(wrongKey)).toBeNull();
  });

  it('stops before writing anything when its job was cancelled while queued', async () => {
    const a = await workspaceWith('owner', ['Salyut']);
    const { json } = await call('POST', a.base, { cookie: a.owner.cookie });
    const cancel = await call('POST', `/api/v1/w/${a.ws.slug}/jobs/${json.job_id}/cancel`, { cookie: a.owner.cookie });
    expect(cancel.status).toBe(202);

    await runExportJob(a.ws.id, json.id);

    expect(await exportRow(json.id)).toMatchObject({ status: 'failed', object_key: null, error: 'Cancelled' });
    const job = await call('GET', `/api/v1/w/${a.ws.slug}/jobs/${json.job_id}`, { cookie: a.owner.cookie });
    expect(job.json).toMatchObject({ status: 'cancelled', progress: 0 });
    const key = exportObjectKey(uuidOf('workspace', a.ws.id), uuidOf(auditExportIds, json.id));
    expect(await env.FILES.head(key)).toBeNull();
  });

  it('answers 410 once the export has expired', async () => {
    const a = await workspaceWith('owner', []);
    const { json } = await call('POST', a.base, { cookie: a.owner.cookie });
    await runExportJob(a.ws.id, json.id);
    await updateExport(a.ws.id, json.id, 'expired');

    const res = await call('GET', `${a.base}/${json.id}/download`, { cookie: a.owner.cookie });
    expect(res.status).toBe(410);
    expect(res.json.error.code).toBe('GONE');
  });
});

describe('audit export access', () => {
  it('is refused to members and viewers (403), allowed to admins and owners', async () => {
    for (const [role, expected] of [
      ['member', 403],
      ['viewer', 403],
      ['admin', 202],
      ['owner', 202],
    ] as const) {
      const { base, cookie } = await workspaceWith(role, []);
      const res = await call('POST', base, { cookie });
      expect(res.status, role).toBe(expected);
      if (expected === 403) expect(res.json.error.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a member the status and the file of an existing export', async () => {
    const a = await workspaceWith('member', []);
    const { json } = await call('POST', a.base, { cookie: a.owner.cookie });
    expect((await call('GET', `${a.base}/${json.id}`, { cookie: a.cookie })).status).toBe(403);
    expect((await call('GET', `${a.base}/${json.id}/download`, { cookie: a.cookie })).status).toBe(403);
  });

  it('answers 404 for another workspace’s export, exactly as for a missing one', async () => {
    const a = await workspaceWith('owner', []);
    const b = await workspaceWith('owner', []);
    const { json } = await call('POST', a.base, { cookie: a.owner.cookie });
    await runExportJob(a.ws.id, json.id);
    const missing = auditExportIds.toPublic(crypto.randomUUID());

    for (const suffix of ['', '/download']) {
      const foreign = await call('GET', `${b.base}/${json.id}${suffix}`, { cookie: b.owner.cookie });
      const absent = await call('GET', `${b.base}/${missing}${suffix}`, { cookie: b.owner.cookie });
      expect(foreign.status).toBe(404);
      expect(absent.status).toBe(404);
      expect(foreign.json.error.code).toBe(absent.json.error.code);
      expect(foreign.json.error.message).toBe(absent.json.error.message);
    }
    expect((await call('GET', `${b.base}/not-an-id`, { cookie: b.owner.cookie })).status).toBe(404);
  });
});

describe('audit export request', () => {
  it('marks the export failed and answers 503 when the job cannot be enqueued', async () => {
    const a = await workspaceWith('owner', []);
    const token = /__Host-session=([^;]+)/.exec(a.owner.cookie)?.[1] ?? '';
    const db = new Database(loadConfig(env));
    const gateway = new TenantGateway(
      db,
      { credential: { kind: 'session', tokenHash: await sha256Hex(token) }, workspace: { id: null, slug: a.ws.slug } },
      null,
    );
    const queue = {
      send: async () => {
        throw new Error('queue unavailable');
      },
      sendBatch: async () => {
        throw new Error('queue unavailable');
      },
    };
    const storage = {
      put: async () => {},
      get: async () => null,
      head: async () => null,
      delete: async () => {},
      deletePrefix: async () => 0,
    };
    const context = { ip: '10.0.0.1', userAgent: null, requestId: 'req_test' };

    try {
      const failure = await requestExport(gateway, { queue, storage, appEnv: 'test' }, context).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await db.close();
    }
    const rows = (await inspectSql()`
      select case j.status when 'queued' then 'pending' when 'succeeded' then 'done' when 'cancelled' then 'failed' else j.status end as status, j.error
        from audit_export e join job j using (id) where e.workspace_id = ${uuidOf('workspace', a.ws.id)}`) as Array<
      Record<string, unknown>
    >;
    expect(rows).toEqual([{ status: 'failed', error: 'The export job could not be enqueued' }]);
  });
});
