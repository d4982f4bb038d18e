import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { jobIds } from '../job-records.ts';
import { seedJob } from './jobs.isolation.ts';

/** A workspace with its owner, an admin and two members, each a signed-in person. */
async function team() {
  const owner = await signUp();
  const ws = await createWorkspace(owner.cookie);
  const workspaceId = parsePublicId('workspace', ws.id) ?? '';
  const people = { admin: await signUp(), alice: await signUp(), bob: await signUp() };
  await addMember(workspaceId, parsePublicId('user', people.admin.user.id) ?? '', 'admin');
  await addMember(workspaceId, parsePublicId('user', people.alice.user.id) ?? '', 'member');
  await addMember(workspaceId, parsePublicId('user', people.bob.user.id) ?? '', 'member');
  const uuidOf = (person: { user: { id: string } }) => parsePublicId('user', person.user.id) ?? '';
  return { owner, ws, workspaceId, ...people, uuidOf, base: `/api/v1/w/${ws.slug}/jobs` };
}

describe('watching a job', () => {
  it('shows its starter and the admins the job and its progress; another member gets 404', async () => {
    const t = await team();
    const id = await seedJob(t.workspaceId, t.uuidOf(t.alice), { status: 'running', progress: 2000, total: 5000 });

    const own = await call('GET', `${t.base}/${id}`, { cookie: t.alice.cookie });
    expect(own.status).toBe(200);
    expect(own.json).toEqual({
      id,
      kind: 'jobs-test.watch',
      status: 'running',
      progress: 2000,
      total: 5000,
      current: null,
      result: null,
      error: null,
      started_by: t.alice.user.id,
      cancel_requested: false,
      created_at: expect.any(String),
      started_at: null,
      finished_at: null,
    });
    expect((await call('GET', `${t.base}/${id}`, { cookie: t.admin.cookie })).status).toBe(200);
    const other = await call('GET', `${t.base}/${id}`, { cookie: t.bob.cookie });
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe('NOT_FOUND');
    expect(other.text).not.toContain('jobs-test.watch');
  });

  it('lists everyone’s jobs to admins, newest first, and to a member only the ones they started', async () => {
    const t = await team();
    const alices = await seedJob(t.workspaceId, t.uuidOf(t.alice));
    const bobs = await seedJob(t.workspaceId, t.uuidOf(t.bob));
    const ids = async (cookie: string) => (await call('GET', t.base, { cookie })).json.items.map((j: { id: string }) => j.id);

    expect(await ids(t.admin.cookie)).toEqual([bobs, alices]);
    expect(await ids(t.alice.cookie)).toEqual([alices]);
    expect(await ids(t.bob.cookie)).toEqual([bobs]);
  });

  it('answers 404 for another workspace’s job, an unknown id and a malformed one', async () => {
    const t = await team();
    const elsewhere = await team();
    const foreign = await seedJob(elsewhere.workspaceId, elsewhere.uuidOf(elsewhere.owner));
    for (const id of [foreign, jobIds.toPublic(crypto.randomUUID()), 'job_nope']) {
      const res = await call('GET', `${t.base}/${id}`, { cookie: t.owner.cookie });
      expect(res.status, id).toBe(404);
      expect((await call('POST', `${t.base}/${id}/cancel`, { cookie: t.owner.cookie })).status, id).toBe(404);
    }
    const [row] = await inspectSql()`select cancel_requested from job where id = ${jobIds.parse(foreign)}`;
    expect(row?.cancel_requested).toBe(false);
  });
});

describe('cancelling a job', () => {
  it('records the request once (audited), and asking again changes nothing', async () => {
    const t = await team();
    const id = await seedJob(t.workspaceId, t.uuidOf(t.alice), { status: 'running' });

    const first = await call('POST', `${t.base}/${id}/cancel`, { cookie: t.alice.cookie });
    const again = await call('POST', `${t.base}/${id}/cancel`, { cookie: t.alice.cookie });

    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ id, status: 'running', cancel_requested: true });
    expect(again.status).toBe(202);
    const audited = await inspectSql()`
      select action, target_type, target_id, metadata from audit_log where workspace_id = ${t.workspaceId} and action = 'job.cancel_requested'`;
    expect(audited).toEqual([
      { action: 'job.cancel_requested', target_type: 'job', target_id: jobIds.parse(id), metadata: { kind: 'jobs-test.watch' } },
    ]);
  });

  it('is refused to another member (404), allowed to an admin, and a 409 once the job has ended', async () => {
    const t = await team();
    const running = await seedJob(t.workspaceId, t.uuidOf(t.alice), { status: 'running' });
    const ended = await seedJob(t.workspaceId, t.uuidOf(t.alice), { status: 'succeeded' });

    expect((await call('POST', `${t.base}/${running}/cancel`, { cookie: t.bob.cookie })).status).toBe(404);
    expect((await call('POST', `${t.base}/${running}/cancel`, { cookie: t.admin.cookie })).status).toBe(202);
    const late = await call('POST', `${t.base}/${ended}/cancel`, { cookie: t.alice.cookie });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('CONFLICT');
    const [row] = await inspectSql()`select status, cancel_requested from job where id = ${jobIds.parse(ended)}`;
    expect(row).toEqual({ status: 'succeeded', cancel_requested: false });
  });
});
