import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { delivery, envelope, eventually, runBatch } from '../../../queues/test/fixtures.ts';
import { eq } from 'drizzle-orm';
import { Database } from '../../db/client.ts';
import { job } from '../../db/schema.ts';
import { loadConfig } from '../../kernel/config.ts';
import { parsePublicId, type PublicIdKind } from '../../kernel/ids.ts';
import type { Storage } from '../../kernel/storage.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql, ownerSql } from '../../test/db.ts';
import { personalExportParts } from '../assembly.ts';
import { DOWNLOAD_LINK_TTL_SECONDS, signDownloadLink } from './download-link.ts';
import { archiveObjectKey, runPersonalExport } from './personal-exports.job.ts';
import { personalExportIds } from './account.ids.ts';
import type { PersonalExportPart } from '../module.ts';
import { R2Storage } from '../../adapters/storage/r2.ts';

const uuid = (kind: 'workspace' | 'user' | PublicIdKind, id: string) =>
  (typeof kind === 'string' ? parsePublicId(kind, id) : kind.parse(id)) ?? '';

function runExportJob(userPublicId: string, exportPublicId: string) {
  const body = envelope('personal-data.export', {
    user_id: uuid('user', userPublicId),
    export_id: uuid(personalExportIds, exportPublicId),
  });
  return runBatch([delivery(body)]);
}

/** The export's archive record with its job's status, in the words of the export's answers. */
async function exportRow(exportPublicId: string) {
  const [row] = (await inspectSql()`
    select case j.status when 'queued' then 'pending' when 'succeeded' then 'done' when 'cancelled' then 'failed' else j.status end as status, j.progress, e.object_key, e.size_bytes, j.error, j.finished_at::text as finished_at
      from personal_export e join job j using (id) where e.id = ${uuid(personalExportIds, exportPublicId)}`) as Array<Record<string, any>>;
  return row;
}

/** A person in two workspaces (one theirs, one someone else's) with content and audit entries in both. */
async function personWithData() {
  const person = await signUp('Frida');
  const own = await createWorkspace(person.cookie, 'Frida Co');
  const other = await signUp('Olaf');
  const shared = await createWorkspace(other.cookie, 'Olaf Inc');
  await addMember(uuid('workspace', shared.id), uuid('user', person.user.id), 'admin');
  for (const [slug, name] of [
    [own.slug, 'Mine one'],
    [shared.slug, 'Mine in shared'],
  ] as const) {
    expect((await call('POST', `/api/v1/w/${slug}/teams`, { cookie: person.cookie, body: { name } })).status).toBe(201);
  }
  expect((await call('POST', `/api/v1/w/${shared.slug}/teams`, { cookie: other.cookie, body: { name: 'Olaf only' } })).status).toBe(201);
  return { person, other, own, shared };
}

/**
 * Asks for an export and lets the queue's consumer (which takes the message at once) finish it, then
 * sets the row back to pending: the test's own run of the job is then the only one writing it.
 */
async function requestedExport(cookie: string): Promise<{ id: string }> {
  const accepted = await call('POST', '/api/v1/me/exports', { cookie });
  expect(accepted.status).toBe(202);
  const id = accepted.json.id as string;
  await eventually(
    () => exportRow(id),
    (row) => row?.status === 'done' || row?.status === 'failed',
  );
  await inspectSql()`update personal_export set object_key = null, size_bytes = null, expires_at = null where id = ${uuid(personalExportIds, id)}`;
  await inspectSql()`update job set status = 'queued', progress = 0, current = null, result = null, error = null, started_at = null, finished_at = null
    where id = ${uuid(personalExportIds, id)}`;
  return { id };
}

describe('exporting my data', () => {
  it('queues a job that gathers profile, memberships, my audit entries and my content into a JSON archive', async () => {
    const { person, other, own, shared } = await personWithData();

    const accepted = await call('POST', '/api/v1/me/exports', { cookie: person.cookie });
    expect(accepted.status).toBe(202);
    expect(accepted.json).toMatchObject({ status: 'pending', progress: 0, download_url: null });
    expect(accepted.json.id).toMatch(/^pex_[0-9a-z]{25}$/);
    const id = accepted.json.id as string;

    const result = await runExportJob(person.user.id, id);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);

    const status = await call('GET', `/api/v1/me/exports/${id}`, { cookie: person.cookie });
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ id, status: 'done', progress: 100 });
    expect(Date.parse(status.json.expires_at) - Date.parse(status.json.finished_at)).toBe(7 * 24 * 3600 * 1000);
    expect(Date.parse(status.json.download_url_expires_at)).toBeLessThanOrEqual(Date.now() + DOWNLOAD_LINK_TTL_SECONDS * 1000);
    const list = await call('GET', '/api/v1/me/exports', { cookie: person.cookie });
    expect(list.json.items.map((e: any) => e.id)).toEqual([id]);

    // The link is the credential: no cookie needed.
    const download = await call('GET', status.json.download_url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/json');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="personal-data-${id}.json"`);
    const archive = JSON.parse(download.text);
    expect(archive.profile).toMatchObject({ id: person.user.id, email: person.email, name: 'Frida' });
    expect(archive.memberships.map((m: any) => [m.workspace.slug, m.role]).sort()).toEqual(
      [
        [own.slug, 'owner'],
        [shared.slug, 'admin'],
      ].sort(),
    );
    // Each module's part, under its name (the sample's projects are checked in its own folder).
    expect(Object.keys(archive.content).sort()).toEqual(
      personalExportParts()
        .map((part) => part.name)
        .sort(),
    );
    const actions = archive.audit_entries.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.signed_up', 'workspace.created', 'team.created', 'user.data_export_requested']));
    expect(actions.filter((a: string) => a === 'team.created')).toHaveLength(2);
    // Nothing of anyone else.
    expect(download.text).not.toContain('Olaf only');
    expect(download.text).not.toContain(other.email);
    expect(download.text).not.toContain(uuid('user', other.user.id));
    // Stored where the job says.
    const key = archiveObjectKey(uuid('user', person.user.id), uuid(personalExportIds, id));
    expect((await exportRow(id))?.object_key).toBe(key);
    expect(await (await env.FILES.get(key))?.text()).toBe(download.text);
    expect((await exportRow(id))?.size_bytes).toBe(new TextEncoder().encode(download.text).byteLength);
  });

  it('advances progress part by part: a failure while writing leaves it failed where it stopped', async () => {
    const { person } = await personWithData();
    const json = await requestedExport(person.cookie);
    const failing: Storage = {
      put: async () => {
        throw new Error('bucket down');
      },
      get: async () => null,
      head: async () => null,
      delete: async () => {},
      deletePrefix: async () => 0,
    };
    const db = new Database(loadConfig(env));

    const run = runPersonalExport({ db, storage: failing, parts: [] }, uuid('user', person.user.id), uuid(personalExportIds, json.id));

    await expect(run).rejects.toThrow('bucket down');
    // 20 after the account part, then 35 per workspace (two of them) up to 90.
    expect(await exportRow(json.id)).toMatchObject({ status: 'failed', progress: 90, error: 'Error: bucket down' });
    await db.close();
  });

  it('is harmless to run twice: a finished export is left as it is', async () => {
    const person = await signUp();
    const json = await requestedExport(person.cookie);
    await runExportJob(person.user.id, json.id);
    const first = await exportRow(json.id);
    const before = await env.FILES.head(first?.object_key);

    const again = await runExportJob(person.user.id, json.id);

    expect(again.explicitAcks).toHaveLength(1);
    expect(await exportRow(json.id)).toEqual(first);
    expect((await env.FILES.head(first?.object_key))?.uploaded).toEqual(before?.uploaded);
  });

  it('gathers a failed export again and finishes it', async () => {
    const person = await signUp();
    const json = await requestedExport(person.cookie);
    await inspectSql()`update job set status = 'failed', progress = 20, error = 'boom' where id = ${uuid(personalExportIds, json.id)}`;
    await runExportJob(person.user.id, json.id);
    expect(await exportRow(json.id)).toMatchObject({ status: 'done', progress: 100, error: null });
  });

  it('does nothing when the job names another person than the export’s', async () => {
    const a = await signUp();
    const b = await signUp();
    const json = await requestedExport(a.cookie);
    await runExportJob(b.user.id, json.id);
    expect(await exportRow(json.id)).toMatchObject({ status: 'pending', object_key: null });
  });

  it('answers 404 for another person’s export, and for a link with a changed id or signature', async () => {
    const a = await signUp();
    const b = await signUp();
    const json = await requestedExport(a.cookie);
    await runExportJob(a.user.id, json.id);
    expect((await call('GET', `/api/v1/me/exports/${json.id}`, { cookie: b.cookie })).status).toBe(404);
    expect((await call('GET', '/api/v1/me/exports', { cookie: b.cookie })).json.items).toEqual([]);

    const { download_url: url } = (await call('GET', `/api/v1/me/exports/${json.id}`, { cookie: a.cookie })).json;
    const tampered = url.replace(/signature=([^&]+)/, (_: string, s: string) => `signature=${s.slice(0, -2)}AA`);
    const res = await call('GET', tampered);
    expect(res.status).toBe(404);
    const longer = url.replace(/expires=(\d+)/, (_: string, e: string) => `expires=${Number(e) + 3600}`);
    expect((await call('GET', longer)).status).toBe(404);
    expect((await call('GET', url.replace(/[?].*$/, ''))).status).toBe(400);
  });

  it('answers 410 LINK_EXPIRED for an expired link and says how to get a new one', async () => {
    const person = await signUp();
    const json = await requestedExport(person.cookie);
    await runExportJob(person.user.id, json.id);
    const old = await signDownloadLink(env.APP_SECRET as string, json.id, Date.now() - (DOWNLOAD_LINK_TTL_SECONDS + 60) * 1000);

    const res = await call('GET', old.url);

    expect(res.status).toBe(410);
    expect(res.json.error.code).toBe('LINK_EXPIRED');
    expect(res.json.error.message).toMatch(/get a new link/);
  });

  it('answers 409 before the export is done, and 410 once the archive itself has expired', async () => {
    const person = await signUp();
    const json = await requestedExport(person.cookie);
    const early = await signDownloadLink(env.APP_SECRET as string, json.id);
    expect((await call('GET', early.url)).json.error.code).toBe('EXPORT_NOT_READY');

    await runExportJob(person.user.id, json.id);
    await ownerSql()`update personal_export set expires_at = now() - interval '1 minute' where id = ${uuid(personalExportIds, json.id)}`;
    const res = await call('GET', early.url);
    expect(res.status).toBe(410);
    expect(res.json.error.code).toBe('GONE');
    expect((await call('GET', `/api/v1/me/exports/${json.id}`, { cookie: person.cookie })).json.download_url).toBeNull();
  });

  it('is a job of the person’s own: its answer carries the job, which no workspace lists', async () => {
    const person = await signUp();
    const ws = await createWorkspace(person.cookie);

    const accepted = await call('POST', '/api/v1/me/exports', { cookie: person.cookie });

    expect(accepted.json.job).toMatchObject({
      kind: 'personal-data.export',
      status: 'queued',
      progress: 0,
      total: 100,
      started_by: person.user.id,
      cancel_requested: false,
    });
    expect(accepted.json.job.id).toBe(`job_${accepted.json.id.slice(4)}`);
    const [row] =
      (await inspectSql()`select workspace_id, user_id from job where id = ${uuid(personalExportIds, accepted.json.id)}`) as Array<
        Record<string, unknown>
      >;
    expect(row).toEqual({ workspace_id: null, user_id: uuid('user', person.user.id) });
    const listed = await call('GET', `/api/v1/w/${ws.slug}/jobs`, { cookie: person.cookie });
    expect(listed.json.items.map((j: any) => j.id)).not.toContain(accepted.json.job.id);
    expect((await call('GET', `/api/v1/w/${ws.slug}/jobs/${accepted.json.job.id}`, { cookie: person.cookie })).status).toBe(404);
  });

  it('cancels: the job ends cancelled before writing anything, the request is audited once, a second ends in 409', async () => {
    const person = await signUp();
    const other = await signUp();
    const json = await requestedExport(person.cookie);
    const key = archiveObjectKey(uuid('user', person.user.id), uuid(personalExportIds, json.id));
    await env.FILES.delete(key);
    expect((await call('POST', `/api/v1/me/exports/${json.id}/cancel`, { cookie: other.cookie })).status).toBe(404);

    const cancel = await call('POST', `/api/v1/me/exports/${json.id}/cancel`, { cookie: person.cookie });
    expect(cancel.status).toBe(202);
    expect(cancel.json.job).toMatchObject({ status: 'queued', cancel_requested: true });
    expect((await call('POST', `/api/v1/me/exports/${json.id}/cancel`, { cookie: person.cookie })).status).toBe(202);

    await runExportJob(person.user.id, json.id);

    const read = await call('GET', `/api/v1/me/exports/${json.id}`, { cookie: person.cookie });
    expect(read.json).toMatchObject({ status: 'failed', download_url: null, job: { status: 'cancelled' } });
    expect(await exportRow(json.id)).toMatchObject({ status: 'failed', object_key: null });
    expect(await env.FILES.head(key)).toBeNull();
    const audited = await inspectSql()`select count(*)::int as n from audit_log
      where action = 'job.cancel_requested' and target_id = ${uuid(personalExportIds, json.id)}`;
    expect(audited).toEqual([{ n: 1 }]);
    const again = await call('POST', `/api/v1/me/exports/${json.id}/cancel`, { cookie: person.cookie });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('CONFLICT');
  });

  it('stops before its next part when cancelled while running', async () => {
    const { person } = await personWithData();
    const json = await requestedExport(person.cookie);
    const exportId = uuid(personalExportIds, json.id);
    const parts: PersonalExportPart[] = [
      {
        name: 'cancels',
        // What a cancel request does, from inside the part (the test database serves one transaction at a time).
        collect: async (tx) => {
          await tx.update(job).set({ cancelRequested: true }).where(eq(job.id, exportId));
          return [];
        },
      },
    ];
    const db = new Database(loadConfig(env));

    const outcome = await runPersonalExport({ db, storage: new R2Storage(env.FILES), parts }, uuid('user', person.user.id), exportId);

    expect(outcome).toEqual({ outcome: 'cancelled' });
    // The account part (20) was counted; the first workspace's part asked to stop, so nothing after it.
    expect(await exportRow(json.id)).toMatchObject({ status: 'failed', progress: 20, object_key: null });
    expect(((await inspectSql()`select status from job where id = ${exportId}`) as Array<{ status: string }>)[0]?.status).toBe('cancelled');
    await db.close();
  });

  it('refuses API keys and anonymous callers', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'k', role: 'member' } });
    expect((await call('POST', '/api/v1/me/exports', { apiKey: key.json.key })).status).toBe(403);
    expect((await call('POST', '/api/v1/me/exports')).status).toBe(401);
  });
});
