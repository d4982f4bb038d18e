import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import { R2Storage } from '../../adapters/storage/r2.ts';
import { Database } from '../../db/gateway.ts';
import { loadConfig } from '../../kernel/config.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { backdateDeletion, workspaceUuid } from '../../test/lifecycle.ts';
import { personalExportIds } from '../account/account.ids.ts';
import { registeredModules } from '../assembly.ts';
import { purgeDeletedWorkspaces } from '../workspaces/workspace-purge.job.ts';
import { fileIds } from './files.ids.ts';
import { purgePendingUploads } from './files.jobs.ts';
import { bytesOf, scan, sendPresigned, startUpload, uploadFile } from './files.test-helpers.ts';

const day = 86_400_000;
const deps = () => ({ db: new Database(loadConfig(env)), storage: new R2Storage(env.FILES), modules: registeredModules() });

async function owner() {
  const person = await signUp('Pia');
  const ws = await createWorkspace(person.cookie);
  return { ...person, slug: ws.slug, publicId: ws.id, workspaceId: workspaceUuid(ws.id) };
}

describe('the pending-upload purge', () => {
  it('deletes uploads never confirmed within 24 hours, object first, and nothing else; twice is harmless', async () => {
    const o = await owner();
    const bytes = bytesOf('abandoned');
    const stale = await startUpload(o.slug, o.cookie, bytes);
    await sendPresigned(stale.json.upload.url, { method: 'PUT', headers: stale.json.upload.headers, body: bytes });
    const fresh = await startUpload(o.slug, o.cookie, bytes);
    const confirmed = await uploadFile(o.slug, o.cookie, bytesOf('kept'));
    const staleId = fileIds.require(stale.json.file.id, 'File');
    await inspectSql()`update file set created_at = now() - interval '25 hours' where id in (${staleId}, ${fileIds.require(confirmed, 'File')})`;

    const first = await purgePendingUploads(deps(), new Date());
    expect(first.deleted).toBeGreaterThanOrEqual(1);
    expect(await env.FILES.head(`files/${o.workspaceId}/${staleId}`)).toBeNull();
    const left = await inspectSql()`select id, status from file where workspace_id = ${o.workspaceId} order by created_at`;
    expect(left.map((r) => r.id).sort()).toEqual([fileIds.require(confirmed, 'File'), fileIds.require(fresh.json.file.id, 'File')].sort());
    expect(await purgePendingUploads(deps(), new Date())).toEqual({ deleted: 0 });
  });
});

describe('a purged workspace', () => {
  it('loses every object under its prefix, and another workspace keeps its own', async () => {
    const doomed = await owner();
    const live = await owner();
    const gone = await uploadFile(doomed.slug, doomed.cookie, bytesOf('doomed bytes'));
    const kept = await uploadFile(live.slug, live.cookie, bytesOf('live bytes'));
    const deleted = await call('DELETE', `/api/v1/w/${doomed.slug}`, { cookie: doomed.cookie });
    expect(deleted.status).toBe(200);
    await backdateDeletion(doomed.workspaceId, 31);

    const result = await purgeDeletedWorkspaces(deps(), new Date(Date.now() + day));
    expect(result.purged).toContain(doomed.publicId);
    expect(await env.FILES.list({ prefix: `files/${doomed.workspaceId}/` })).toMatchObject({ objects: [] });
    expect(await env.FILES.head(`files/${doomed.workspaceId}/${fileIds.require(gone, 'File')}`)).toBeNull();
    expect(await env.FILES.head(`files/${live.workspaceId}/${fileIds.require(kept, 'File')}`)).not.toBeNull();
  });
});

describe('the files part of a personal data export', () => {
  it('lists the files the person uploaded, and not those of others', async () => {
    const o = await owner();
    const other = await owner();
    const mine = await uploadFile(o.slug, o.cookie, bytesOf('mine'), { name: 'mine.txt' });
    await scan(o.workspaceId, fileIds.require(mine, 'File'));
    await uploadFile(other.slug, other.cookie, bytesOf('theirs'), { name: 'theirs.txt' });

    const accepted = await call('POST', '/api/v1/me/exports', { cookie: o.cookie });
    expect(accepted.status).toBe(202);
    const id = accepted.json.id as string;
    await runBatch([
      delivery(
        envelope('personal-data.export', {
          user_id: parsePublicId('user', o.user.id),
          export_id: personalExportIds.parse(id),
        }),
      ),
    ]);
    const status = await call('GET', `/api/v1/me/exports/${id}`, { cookie: o.cookie });
    const archive = JSON.parse((await call('GET', status.json.download_url)).text);
    expect(archive.content.files).toEqual([
      expect.objectContaining({ id: mine, name: 'mine.txt', status: 'clean', workspace_id: o.publicId }),
    ]);
    expect(JSON.stringify(archive)).not.toContain('theirs.txt');
  });
});
