import { EICAR } from '../../adapters/scanner/eicar.ts';
import { describe, expect, it } from 'vitest';
import { newUuid, parsePublicId } from '../../kernel/ids.ts';
import { call, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { putOnPlan, workspaceOn } from '../billing/billing.testing.ts';
import { plans } from '../billing/billing.plans.ts';
import { fileIds } from './files.ids.ts';
import { bytesOf, scan, sendPresigned, startUpload, uploadFile } from './files.test-helpers.ts';

const freeBytes = plans.free.limits.storageBytes;

/** A stored, scanned file of `size` bytes, as if uploaded earlier: the quota counts it. */
async function storedFile(workspaceId: string, size: number) {
  const id = newUuid();
  await inspectSql()`insert into file (id, workspace_id, object_key, name, content_type, size_bytes, sha256, status)
    values (${id}, ${workspaceId}, ${`${workspaceId}/${id}`}, 'archive.zip', 'application/zip', ${size}, ${'0'.repeat(64)}, 'clean')`;
}

const filesOf = async (workspaceId: string) =>
  (await inspectSql()`select status from file where workspace_id = ${workspaceId} and name <> 'archive.zip'`) as Array<{ status: string }>;

describe('storage quota by plan (limits.storageBytes)', { timeout: 60_000 }, () => {
  it('refuses a presign past the plan’s storage with LIMIT_REACHED naming Pro, and creates nothing', async () => {
    const w = await workspaceOn('free');
    await storedFile(w.id, freeBytes - 10);
    const refused = await startUpload(w.ws.slug, w.owner.cookie, bytesOf('eleven bytes'));
    expect(refused.status).toBe(402);
    expect(refused.json.error).toMatchObject({ code: 'LIMIT_REACHED', upgrade: { reason: 'limit', limit: 'storageBytes', plan: 'pro' } });
    expect(await filesOf(w.id)).toEqual([]);
    expect((await startUpload(w.ws.slug, w.owner.cookie, bytesOf('ten bytes!'))).status).toBe(201);
  });

  it('lets exactly one of ten concurrent presigns through when the room is for one', async () => {
    const w = await workspaceOn('free');
    await storedFile(w.id, freeBytes - 100);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => startUpload(w.ws.slug, w.owner.cookie, bytesOf(`upload number ${i} `.padEnd(60, '.')))),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201).map((a) => a.json.error.code)).toEqual(Array(9).fill('LIMIT_REACHED'));
    expect(await filesOf(w.id)).toEqual([{ status: 'pending' }]);
  });

  it('checks again at confirmation: a plan that shrank meanwhile refuses it, leaving the file pending', async () => {
    const w = await workspaceOn('pro');
    await storedFile(w.id, freeBytes - 5);
    const bytes = bytesOf('hello world');
    const started = await startUpload(w.ws.slug, w.owner.cookie, bytes);
    expect(started.status).toBe(201);
    expect(
      (await sendPresigned(started.json.upload.url, { method: 'PUT', headers: started.json.upload.headers, body: bytes })).status,
    ).toBe(200);
    await putOnPlan(w.id, 'free');
    const confirmed = await call('POST', `${w.base}/files/${started.json.file.id}/confirm`, { cookie: w.owner.cookie });
    expect(confirmed.status).toBe(402);
    expect(confirmed.json.error.code).toBe('LIMIT_REACHED');
    expect(await filesOf(w.id)).toEqual([{ status: 'pending' }]);

    await putOnPlan(w.id, 'pro');
    expect((await call('POST', `${w.base}/files/${started.json.file.id}/confirm`, { cookie: w.owner.cookie })).status).toBe(202);
  });
});

describe('storage usage (GET /w/{workspace}/storage)', { timeout: 60_000 }, () => {
  it('answers a viewer the bytes counted against the plan: stored and announced files, never quarantined ones', async () => {
    const w = await workspaceOn('free');
    const viewer = await signUp('Vera Viewer');
    await addMember(w.id, parsePublicId('user', viewer.user.id) ?? '', 'viewer');
    const usage = () => call('GET', `${w.base}/storage`, { cookie: viewer.cookie });

    expect((await usage()).json).toEqual({ used_bytes: 0, limit_bytes: freeBytes, plan: 'free' });
    await storedFile(w.id, 1000);
    expect((await startUpload(w.ws.slug, w.owner.cookie, bytesOf('reserved'))).status).toBe(201);
    const eicar = await uploadFile(w.ws.slug, w.owner.cookie, bytesOf(EICAR));
    await scan(w.id, fileIds.require(eicar, 'File'));
    const answered = await usage();
    expect(answered.status).toBe(200);
    expect(answered.json).toEqual({ used_bytes: 1000 + 'reserved'.length, limit_bytes: freeBytes, plan: 'free' });

    await putOnPlan(w.id, 'pro');
    expect((await usage()).json).toMatchObject({ limit_bytes: plans.pro.limits.storageBytes, plan: 'pro' });
  });
});
