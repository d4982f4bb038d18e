import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runCron } from '../../../queues/cron.ts';
import { captureLogs, delivery, eventually, recordingQueue, runBatch, runsOf } from '../../../queues/test/fixtures.ts';
import { jsonLogger } from '../../middleware/logger.ts';
import { registeredModules } from '../assembly.ts';
import { R2Storage } from '../../adapters/storage/r2.ts';
import { Database } from '../../db/client.ts';
import { loadConfig } from '../../kernel/config.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { backdateDeletion, createApiKey, setSuspended, workspaceUuid } from '../../test/lifecycle.ts';
import { exportObjectKey } from '../audit/audit-exports.job.ts';
import { fileIds } from '../files/files.ids.ts';
import { bytesOf, scannedByQueue, unconfirmedFile, uploadFile } from '../files/files.test-helpers.ts';
import { purgeDeletedWorkspaces } from './workspace-purge.job.ts';

const day = 86_400_000;

async function ownerWithWorkspace() {
  const owner = await signUp('Olive');
  const ws = await createWorkspace(owner.cookie, 'Lifecycle');
  return { owner, ws, wsId: workspaceUuid(ws.id) };
}

async function memberOf(wsId: string, role: 'admin' | 'member' | 'viewer') {
  const person = await signUp(role);
  await addMember(wsId, (await inspectSql()`select id from "user" where email = ${person.email}`)[0]?.id as string, role);
  return person;
}

describe('workspace settings', () => {
  it('shows name, slug and an empty logo, and lets an admin change name and slug', async () => {
    const { owner, ws, wsId } = await ownerWithWorkspace();
    const admin = await memberOf(wsId, 'admin');
    const shown = await call('GET', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie });
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({
      id: ws.id,
      slug: ws.slug,
      name: 'Lifecycle',
      logo_file_id: null,
      role: 'owner',
      deleted_at: null,
      suspended_at: null,
    });

    const newSlug = `${ws.slug}-renamed`;
    const updated = await call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: admin.cookie, body: { name: 'Renamed', slug: newSlug } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id: ws.id, slug: newSlug, name: 'Renamed', role: 'admin' });

    const list = await call('GET', '/api/v1/workspaces', { cookie: owner.cookie });
    expect(list.json.items).toEqual([expect.objectContaining({ id: ws.id, slug: newSlug, name: 'Renamed' })]);
    const audit = await inspectSql()`select action, metadata from audit_log where workspace_id = ${wsId} and action = 'workspace.updated'`;
    expect(audit).toEqual([{ action: 'workspace.updated', metadata: { fields: ['name', 'slug'], slug_from: ws.slug, slug_to: newSlug } }]);
  });

  it('keeps the old slug reaching the renamed workspace for its members and keys, and nobody else', async () => {
    const { owner, ws } = await ownerWithWorkspace();
    const key = await createApiKey(owner.cookie, ws.slug, 'viewer');
    const team = await call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie: owner.cookie, body: { name: 'kept' } });
    const newSlug = `${ws.slug}-new`;
    expect((await call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie, body: { slug: newSlug } })).status).toBe(200);

    const viaOld = await call('GET', `/api/v1/w/${ws.slug}/teams`, { cookie: owner.cookie });
    expect(viaOld.status).toBe(200);
    expect(viaOld.json.items.map((p: { id: string }) => p.id)).toEqual([team.json.id]);
    const keyViaOld = await call('GET', `/api/v1/w/${ws.slug}`, { apiKey: key });
    expect(keyViaOld.status).toBe(200);
    expect(keyViaOld.json.slug).toBe(newSlug);

    // Someone else may take the freed slug: they get their workspace, the old members keep theirs.
    const other = await signUp('Squatter');
    const taken = await call('POST', '/api/v1/workspaces', { cookie: other.cookie, body: { name: 'Squat', slug: ws.slug } });
    expect(taken.status).toBe(201);
    expect((await call('GET', `/api/v1/w/${ws.slug}`, { cookie: other.cookie })).json.id).toBe(taken.json.id);
    expect((await call('GET', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie })).json.id).toBe(ws.id);
    expect((await call('GET', `/api/v1/w/${ws.slug}`, { apiKey: key })).json.id).toBe(ws.id);

    // Taking the old slug back makes it the current one again.
    const back = `${ws.slug}-b`;
    await call('PATCH', `/api/v1/w/${newSlug}`, { cookie: owner.cookie, body: { slug: back } });
    await call('PATCH', `/api/v1/w/${back}`, { cookie: owner.cookie, body: { slug: newSlug } });
    const aliases = await inspectSql()`select slug from workspace_slug_alias where workspace_id = ${workspaceUuid(ws.id)} order by slug`;
    expect(aliases.map((a) => a.slug)).toEqual([ws.slug, back].sort());
  });

  it('refuses a taken slug, a member, a logo that is not a file yet and an empty change, changing nothing', async () => {
    const { owner, ws, wsId } = await ownerWithWorkspace();
    const other = await createWorkspace(owner.cookie, 'Other');
    const member = await memberOf(wsId, 'member');
    const taken = await call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie, body: { slug: other.slug } });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: 'SLUG_TAKEN', fields: { slug: ['is taken'] } });
    const byMember = await call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: member.cookie, body: { name: 'Nope' } });
    expect(byMember.status).toBe(403);
    const logo = await call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie, body: { logo_file_id: 'file_x' } });
    expect(logo.status).toBe(400);
    expect((await call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie, body: {} })).status).toBe(400);
    expect((await call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie, body: { logo_file_id: null } })).status).toBe(200);
    const now = await call('GET', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie });
    expect(now.json).toMatchObject({ slug: ws.slug, name: 'Lifecycle', logo_file_id: null });
  });

  it('takes a clean image file of the workspace as its logo, and refuses an unscanned, a non-image or another workspace’s file', async () => {
    const { owner, ws, wsId } = await ownerWithWorkspace();
    const other = await createWorkspace(owner.cookie, 'Elsewhere');
    const png = bytesOf(`\x89PNG logo ${crypto.randomUUID()}`);
    const cleanImage = async (slug: string, workspaceId: string, bytes: Uint8Array, content_type = 'image/png') => {
      const id = await uploadFile(slug, owner.cookie, bytes, { name: 'logo.png', content_type });
      expect(await scannedByQueue(workspaceId, fileIds.parse(id) as string)).toBe('clean');
      return id;
    };
    const setLogo = (logo_file_id: string | null) =>
      call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie, body: { logo_file_id } });

    const unscanned = await unconfirmedFile(ws.slug, owner.cookie, bytesOf(`unscanned ${crypto.randomUUID()}`), {
      content_type: 'image/png',
    });
    const text = await cleanImage(ws.slug, wsId, bytesOf(`notes ${crypto.randomUUID()}`), 'text/plain');
    const elsewhere = await cleanImage(other.slug, workspaceUuid(other.id), bytesOf(`other ${crypto.randomUUID()}`));
    for (const unfit of [unscanned, text, elsewhere]) {
      const refused = await setLogo(unfit);
      expect(refused.status).toBe(400);
      expect(refused.json.error.fields).toEqual({ logo_file_id: ['must be a clean image file of this workspace'] });
    }
    expect((await call('GET', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie })).json.logo_file_id).toBeNull();

    const logo = await cleanImage(ws.slug, wsId, png);
    const set = await setLogo(logo);
    expect(set.status).toBe(200);
    expect(set.json.logo_file_id).toBe(logo);
    expect((await call('GET', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie })).json.logo_file_id).toBe(logo);
    expect((await setLogo(null)).json.logo_file_id).toBeNull();
  });
});

describe('deleting a workspace', () => {
  it('hides it from every list and answers WORKSPACE_DELETED to members and keys; outsiders still get 404', async () => {
    const { owner, ws, wsId } = await ownerWithWorkspace();
    const viewer = await memberOf(wsId, 'viewer');
    const key = await createApiKey(owner.cookie, ws.slug, 'admin');
    const outsider = await signUp('Outsider');

    const deleted = await call('DELETE', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie });
    expect(deleted.status).toBe(200);
    const deletedAt = Date.parse(deleted.json.deleted_at);
    expect(Date.parse(deleted.json.purge_after) - deletedAt).toBe(30 * day);

    for (const cookie of [owner.cookie, viewer.cookie]) {
      expect((await call('GET', '/api/v1/workspaces', { cookie })).json.items).toEqual([]);
      expect((await call('GET', '/api/v1/me', { cookie })).json.memberships).toEqual([]);
    }
    for (const path of [`/api/v1/w/${ws.slug}`, `/api/v1/w/${ws.slug}/teams`, `/api/v1/w/${ws.id}/api-keys`]) {
      const res = await call('GET', path, { cookie: owner.cookie });
      expect(res.status).toBe(410);
      expect(res.json.error.code).toBe('WORKSPACE_DELETED');
      expect(res.json.error.message).toContain(deleted.json.purge_after);
    }
    expect((await call('GET', `/api/v1/w/${ws.slug}/teams`, { apiKey: key })).json.error.code).toBe('WORKSPACE_DELETED');
    expect((await call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie: viewer.cookie, body: { name: 'x' } })).status).toBe(410);
    const outside = await call('GET', `/api/v1/w/${ws.slug}`, { cookie: outsider.cookie });
    expect(outside.status).toBe(404);
    expect(outside.json.error.code).toBe('NOT_FOUND');
    // Deleting twice is a deleted workspace, not a second deletion.
    expect((await call('DELETE', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie })).status).toBe(410);
  });

  it('only an owner deletes or restores; restoring brings it back into the lists', async () => {
    const { owner, ws, wsId } = await ownerWithWorkspace();
    const admin = await memberOf(wsId, 'admin');
    const byAdmin = await call('DELETE', `/api/v1/w/${ws.slug}`, { cookie: admin.cookie });
    expect(byAdmin.status).toBe(403);
    const notDeleted = await call('POST', `/api/v1/w/${ws.slug}/restore`, { cookie: owner.cookie });
    expect(notDeleted.status).toBe(409);

    expect((await call('DELETE', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie })).status).toBe(200);
    expect((await call('POST', `/api/v1/w/${ws.slug}/restore`, { cookie: admin.cookie })).status).toBe(403);
    const restored = await call('POST', `/api/v1/w/${ws.slug}/restore`, { cookie: owner.cookie });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ id: ws.id, slug: ws.slug, deleted_at: null, purge_after: null });
    expect((await call('GET', '/api/v1/workspaces', { cookie: admin.cookie })).json.items.map((w: { id: string }) => w.id)).toEqual([
      ws.id,
    ]);
    expect((await call('GET', `/api/v1/w/${ws.slug}/teams`, { cookie: admin.cookie })).status).toBe(200);
    const actions =
      await inspectSql()`select action from audit_log where workspace_id = ${wsId} and action like 'workspace.%' order by created_at`;
    expect(actions.map((a) => a.action)).toEqual(['workspace.created', 'workspace.deleted', 'workspace.restored']);
  });

  it('restores under a free variant of the slug when another workspace took it meanwhile', async () => {
    const { owner, ws } = await ownerWithWorkspace();
    await call('DELETE', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie });
    const other = await signUp('Taker');
    expect((await call('POST', '/api/v1/workspaces', { cookie: other.cookie, body: { name: 'T', slug: ws.slug } })).status).toBe(201);
    const restored = await call('POST', `/api/v1/w/${ws.id}/restore`, { cookie: owner.cookie });
    expect(restored.status).toBe(200);
    expect(restored.json.slug).toMatch(new RegExp(`^${ws.slug}-[a-z0-9]{5}$`));
    // The old slug still reaches it for its owner, as a former slug does.
    expect((await call('GET', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie })).json.id).toBe(ws.id);
  });

  it('cannot be restored once the grace period is over', async () => {
    const { owner, ws, wsId } = await ownerWithWorkspace();
    await call('DELETE', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie });
    await backdateDeletion(wsId, 31);
    const late = await call('POST', `/api/v1/w/${ws.slug}/restore`, { cookie: owner.cookie });
    expect(late.status).toBe(410);
    expect(late.json.error.code).toBe('WORKSPACE_DELETED');
    expect((await inspectSql()`select deleted_at is not null as deleted from workspace where id = ${wsId}`)[0]).toEqual({ deleted: true });
  });
});

describe('the purge job', () => {
  async function deletedWorkspaceWithData() {
    const { owner, ws, wsId } = await ownerWithWorkspace();
    await call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie: owner.cookie, body: { name: 'doomed' } });
    await createApiKey(owner.cookie, ws.slug, 'member');
    await call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie, body: { slug: `${ws.slug}-x` } });
    const exported = await call('POST', `/api/v1/w/${ws.slug}-x/audit-exports`, { cookie: owner.cookie });
    expect(exported.status).toBe(202);
    const exportId = (await inspectSql()`select id from audit_export where workspace_id = ${wsId}`)[0]?.id as string;
    // The queue writes the export; its one run is over once the job says so, and nothing writes the file later.
    const jobStatus = async () => (await inspectSql()`select status from job where id = ${exportId}`)[0]?.status;
    expect(await eventually(jobStatus, (status) => status === 'succeeded')).toBe('succeeded');
    const objectKey = exportObjectKey(wsId, exportId);
    expect(await env.FILES.head(objectKey)).not.toBeNull();
    const deleted = await call('DELETE', `/api/v1/w/${ws.slug}-x`, { cookie: owner.cookie });
    return { owner, ws, wsId, objectKey, deletedAt: new Date(deleted.json.deleted_at as string) };
  }

  async function rowsOf(wsId: string) {
    const sql = inspectSql();
    const [counts] = await sql`select
      (select count(*)::int from workspace where id = ${wsId}) as workspace,
      (select count(*)::int from membership where workspace_id = ${wsId}) as membership,
      (select count(*)::int from team where workspace_id = ${wsId}) as team,
      (select count(*)::int from api_key where workspace_id = ${wsId}) as api_key,
      (select count(*)::int from audit_log where workspace_id = ${wsId}) as audit_log,
      (select count(*)::int from audit_export where workspace_id = ${wsId}) as audit_export,
      (select count(*)::int from workspace_slug_alias where workspace_id = ${wsId}) as alias`;
    return counts;
  }

  const deps = () => ({ db: new Database(loadConfig(env)), storage: new R2Storage(env.FILES), modules: registeredModules() });

  it('keeps a deleted workspace through the grace period, then removes it with all its data, once', async () => {
    const doomed = await deletedWorkspaceWithData();
    const live = await ownerWithWorkspace();
    const restoredLater = await ownerWithWorkspace();
    await call('DELETE', `/api/v1/w/${restoredLater.ws.slug}`, { cookie: restoredLater.owner.cookie });
    await call('POST', `/api/v1/w/${restoredLater.ws.slug}/restore`, { cookie: restoredLater.owner.cookie });
    const before = await rowsOf(doomed.wsId);
    expect(Object.values(before ?? {}).every((n) => n > 0)).toBe(true);

    const early = await purgeDeletedWorkspaces(deps(), new Date(doomed.deletedAt.getTime() + 29 * day));
    expect(early.purged).not.toContain(doomed.ws.id);
    expect(await rowsOf(doomed.wsId)).toEqual(before);
    expect(await env.FILES.head(doomed.objectKey)).not.toBeNull();

    // A run takes the oldest due workspaces, a page at a time; the suite's other files leave theirs too.
    const purged: string[] = [];
    for (;;) {
      const due = await purgeDeletedWorkspaces(deps(), new Date(doomed.deletedAt.getTime() + 30 * day + 1000));
      purged.push(...due.purged);
      if (due.purged.length === 0 || purged.includes(doomed.ws.id)) break;
    }
    expect(purged).toContain(doomed.ws.id);
    expect(purged).not.toContain(live.ws.id);
    expect(purged).not.toContain(restoredLater.ws.id);
    expect(await rowsOf(doomed.wsId)).toEqual({
      workspace: 0,
      membership: 0,
      team: 0,
      api_key: 0,
      audit_log: 0,
      audit_export: 0,
      alias: 0,
    });
    expect(await env.FILES.head(doomed.objectKey)).toBeNull();
    const record =
      await inspectSql()`select actor_type, actor_id, metadata from audit_log where action = 'workspace.purged' and target_id = ${doomed.wsId}`;
    expect(record).toEqual([
      { actor_type: 'system', actor_id: 'system:workspace-purge', metadata: expect.objectContaining({ workspace: doomed.ws.id }) },
    ]);

    // Running again finds nothing left to do and touches nothing else.
    const again = await purgeDeletedWorkspaces(deps(), new Date(doomed.deletedAt.getTime() + 31 * day));
    expect(again.purged).not.toContain(doomed.ws.id);
    for (const kept of [live, restoredLater]) {
      expect((await call('GET', `/api/v1/w/${kept.ws.slug}/teams`, { cookie: kept.owner.cookie })).status).toBe(200);
    }
    // The owner's session survives the purge; the workspace is simply gone.
    expect((await call('GET', `/api/v1/w/${doomed.ws.slug}-x`, { cookie: doomed.owner.cookie })).status).toBe(404);
  });
});

describe('the daily cron', () => {
  it('enqueues the purge, and the consumer runs it through its job definition', async () => {
    captureLogs();
    const queue = recordingQueue();
    const db = new Database(loadConfig(env));
    const messages = await runCron({ cron: '30 2 * * *', scheduledTime: Date.now() }, { queue, db, logger: jsonLogger({}) });
    const message = messages.find((m) => m.job === 'workspaces.purge');
    expect(message).toMatchObject({ job: 'workspaces.purge', version: 1, payload: {} });

    const { owner, ws, wsId } = await ownerWithWorkspace();
    await call('DELETE', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie });
    await backdateDeletion(wsId, 31);
    const outcome = await runBatch([delivery(message as NonNullable<typeof message>)]);
    expect(outcome.retryMessages).toEqual([]);
    const [run] = await runsOf(message?.id as string);
    expect(run).toMatchObject({ job: 'workspaces.purge', status: 'succeeded' });
    expect((await inspectSql()`select count(*)::int as n from workspace where id = ${wsId}`)[0]).toEqual({ n: 0 });
  });
});

describe('a suspended workspace', () => {
  it('is read-only for people and keys: reads work, every write answers WORKSPACE_SUSPENDED', async () => {
    const { owner, ws, wsId } = await ownerWithWorkspace();
    const key = await createApiKey(owner.cookie, ws.slug, 'admin');
    const team = await call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie: owner.cookie, body: { name: 'before' } });
    await setSuspended(wsId, true);

    const shown = await call('GET', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie });
    expect(shown.status).toBe(200);
    expect(shown.json.suspended_at).not.toBeNull();
    expect((await call('GET', `/api/v1/w/${ws.slug}/teams`, { apiKey: key })).json.items).toHaveLength(1);

    const writes = [
      await call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie: owner.cookie, body: { name: 'after' } }),
      await call('POST', `/api/v1/w/${ws.slug}/teams`, {
        cookie: owner.cookie,
        body: { name: 'after' },
        headers: { 'idempotency-key': 'k1' },
      }),
      await call('PATCH', `/api/v1/w/${ws.slug}/teams/${team.json.id}`, { apiKey: key, body: { name: 'renamed' } }),
      await call('PATCH', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie, body: { name: 'renamed' } }),
      await call('DELETE', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie }),
    ];
    for (const res of writes) {
      expect(res.status).toBe(423);
      expect(res.json.error.code).toBe('WORKSPACE_SUSPENDED');
    }
    const names = await inspectSql()`select name from team where workspace_id = ${wsId}`;
    expect(names).toEqual([{ name: 'before' }]);

    await setSuspended(wsId, false);
    expect((await call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie: owner.cookie, body: { name: 'after' } })).status).toBe(201);
  });
});

describe('the catalog', () => {
  it('lets every table that references a workspace go with it (ON DELETE CASCADE), so the purge is complete', async () => {
    const rows = await inspectSql()`
      select c.conrelid::regclass::text as tbl, c.confdeltype as on_delete
        from pg_constraint c
       where c.contype = 'f' and c.confrelid = 'public.workspace'::regclass`;
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.on_delete !== 'c')).toEqual([]);
  });
});
