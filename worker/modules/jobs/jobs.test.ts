import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_ATTEMPTS } from '../../../queues/consumer.ts';
import { defineJob, JobRegistry } from '../../../queues/jobs.ts';
import { delivery, envelope, eventually, runBatch } from '../../../queues/test/fixtures.ts';
import { Database } from '../../db/client.ts';
import { setContextText } from '../../db/context.ts';
import { TenantGateway } from '../../db/tenant-gateway.ts';
import { loadConfig } from '../../kernel/config.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql, ownerSql } from '../../test/db.ts';
import { seedJobFailure } from './jobs.isolation.ts';
import { jobFailureIds } from './jobs.ids.ts';
import { retryFailure } from './jobs.service.ts';
import { expectPagedList } from '../../test/pages.ts';

const workspaceUuid = (publicId: string) => parsePublicId('workspace', publicId) ?? '';

async function workspaceWithAdmin() {
  const owner = await signUp();
  const ws = await createWorkspace(owner.cookie);
  return { owner, ws, workspaceId: workspaceUuid(ws.id), base: `/api/v1/w/${ws.slug}/job-failures` };
}

async function failuresOf(workspaceId: string) {
  return (await inspectSql()`
    select job, payload, error, attempts, retried_at, retried_by from job_failure where workspace_id = ${workspaceId}`) as Array<
    Record<string, any>
  >;
}

describe('a job of a workspace that fails on its last attempt', () => {
  const failing = (name: string, withWorkspace: boolean) =>
    defineJob({
      name,
      version: 1,
      payload: z.strictObject({ workspace_id: z.uuid() }),
      ...(withWorkspace ? { workspaceOf: (payload: { workspace_id: string }) => payload.workspace_id } : {}),
      async handle() {
        throw new Error('storage answered 503');
      },
    });

  it("is stored as that workspace's failure beside the dead letter, once however often it is redelivered", async () => {
    const { workspaceId } = await workspaceWithAdmin();
    const registry = new JobRegistry([failing('jobs-test.fails', true)]);
    const message = delivery(envelope('jobs-test.fails', { workspace_id: workspaceId }), MAX_ATTEMPTS);

    await runBatch([message], { registry });
    await runBatch([{ ...message, attempts: MAX_ATTEMPTS + 1 }], { registry });

    expect(await failuresOf(workspaceId)).toEqual([
      expect.objectContaining({
        job: 'jobs-test.fails',
        payload: { workspace_id: workspaceId },
        error: 'Error: storage answered 503',
        attempts: MAX_ATTEMPTS,
        retried_at: null,
      }),
    ]);
    const letters = await inspectSql()`select job from job_dead_letter where message_id = ${message.id}`;
    expect(letters).toEqual([{ job: 'jobs-test.fails' }]);
  });

  it('stays a platform dead letter only when its job names no workspace, or before its last attempt', async () => {
    const { workspaceId } = await workspaceWithAdmin();
    const registry = new JobRegistry([failing('jobs-test.platform', false), failing('jobs-test.early', true)]);

    await runBatch([delivery(envelope('jobs-test.platform', { workspace_id: workspaceId }), MAX_ATTEMPTS)], { registry });
    await runBatch([delivery(envelope('jobs-test.early', { workspace_id: workspaceId }), MAX_ATTEMPTS - 1)], { registry });

    expect(await failuresOf(workspaceId)).toEqual([]);
  });
});

describe('job failures through the API', () => {
  it('are listed for admins, newest first, without their payload; a member is refused', async () => {
    const { owner, workspaceId, base } = await workspaceWithAdmin();
    const older = await seedJobFailure(workspaceId, 'events.purge', { secret: 'not shown' });
    const newer = await seedJobFailure(workspaceId);
    const member = await signUp();
    await addMember(workspaceId, parsePublicId('user', member.user.id) ?? '', 'member');

    const res = await call('GET', base, { cookie: owner.cookie });

    expect(res.status).toBe(200);
    expect(res.json.items.map((item: { id: string }) => item.id)).toEqual([newer, older]);
    expect(res.json.items[1]).toEqual({
      id: older,
      job: 'events.purge',
      error: 'Error: boom',
      attempts: 5,
      failed_at: expect.any(String),
      retried_at: null,
    });
    expect(res.text).not.toContain('not shown');
    expect((await call('GET', base, { cookie: member.cookie })).json.error.code).toBe('FORBIDDEN');
  });

  it('retries once: the job runs again through the queue, the retry is audited, a second retry is a 409', async () => {
    const { owner, workspaceId, base } = await workspaceWithAdmin();
    // An audit export whose job failed: the retry writes it.
    const exportId = crypto.randomUUID();
    const sql = ownerSql();
    await sql.transaction([
      sql.query(setContextText('workspace_id'), [workspaceId]),
      sql`insert into job (id, workspace_id, kind, status, error) values (${exportId}, ${workspaceId}, 'audit-log.export', 'failed', 'Error: boom')`,
      sql`insert into audit_export (id, workspace_id) values (${exportId}, ${workspaceId})`,
    ]);
    const failure = await seedJobFailure(workspaceId, 'audit-log.export', { workspace_id: workspaceId, export_id: exportId });

    const res = await call('POST', `${base}/${failure}/retry`, { cookie: owner.cookie });

    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ id: failure, job: 'audit-log.export', retried_at: expect.any(String) });
    const status = async () =>
      ((await inspectSql()`select status from job where id = ${exportId}`) as Array<{ status: string }>)[0]?.status;
    expect(await eventually(status, (value) => value === 'succeeded')).toBe('succeeded');
    const audited = await inspectSql()`
      select action, target_type, target_id from audit_log where workspace_id = ${workspaceId} and action = 'job.retried'`;
    expect(audited).toEqual([{ action: 'job.retried', target_type: 'job_failure', target_id: jobFailureIds.parse(failure) }]);

    const again = await call('POST', `${base}/${failure}/retry`, { cookie: owner.cookie });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('CONFLICT');
  });

  it('answers 404 for an unknown or malformed id and changes nothing', async () => {
    const { owner, workspaceId, base } = await workspaceWithAdmin();
    await seedJobFailure(workspaceId);
    for (const id of [jobFailureIds.toPublic(crypto.randomUUID()), 'not-an-id']) {
      expect((await call('POST', `${base}/${id}/retry`, { cookie: owner.cookie })).status).toBe(404);
    }
    expect((await failuresOf(workspaceId)).map((row) => row.retried_at)).toEqual([null]);
  });

  it('takes the retry back and answers 503 when the queue refuses the message', async () => {
    const { owner, ws, workspaceId } = await workspaceWithAdmin();
    const failure = await seedJobFailure(workspaceId);
    const token = /__Host-session=([^;]+)/.exec(owner.cookie)?.[1] ?? '';
    const gateway = new TenantGateway(
      new Database(loadConfig(env)),
      { credential: { kind: 'session', tokenHash: await sha256Hex(token) }, workspace: { id: null, slug: ws.slug } },
      null,
    );
    const refusing = {
      send: async () => {
        throw new Error('queue unavailable');
      },
      sendBatch: async () => {
        throw new Error('queue unavailable');
      },
    };

    const error = await retryFailure(gateway, refusing, failure, { requestId: 'test', ip: null, userAgent: null }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SERVICE_UNAVAILABLE');
    expect((await failuresOf(workspaceId)).map((row) => [row.retried_at, row.retried_by])).toEqual([[null, null]]);
  });
});

describe('GET /w/{workspace}/job-failures pages', () => {
  it('newest first with a cursor: every failure once, over several pages; a bad cursor is refused', async () => {
    const { owner, workspaceId, base } = await workspaceWithAdmin();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await seedJobFailure(workspaceId));
    const items = await expectPagedList(base, { cookie: owner.cookie }, ids);
    expect(items.map((f) => f.id)).toEqual([...ids].reverse());
  });
});
