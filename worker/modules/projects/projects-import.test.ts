import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { delivery, envelope, eventually, recordingQueue, runBatch } from '../../../queues/test/fixtures.ts';
import { setContextText } from '../../db/context.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { workspaceOn } from '../billing/billing.testing.ts';
import { fileIds } from '../files/files.ids.ts';
import { bytesOf, scan, startUpload, uploadFile } from '../files/files.test-helpers.ts';
import { overrideFlag } from '../flags/flags.test-helpers.ts';
import { jobIds } from '../job-records.ts';
import { csvImportFlag } from './projects.flags.ts';
import { uploadCsv } from './projects.isolation.ts';

/** A workspace on a plan without a project limit (unless told), its owner and what the upload helper needs. */
async function workspace(plan: 'free' | 'team' = 'team') {
  const w = await workspaceOn(plan);
  return { ...w, slug: w.ws.slug, workspaceId: w.id, ownerCookie: w.owner.cookie, cookie: w.owner.cookie };
}
type W = Awaited<ReturnType<typeof workspace>>;

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const numbered = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => `Project ${String(from + i).padStart(5, '0')},,active`);

async function projectNames(w: W): Promise<string[]> {
  const rows = (await inspectSql()`select name from project where workspace_id = ${w.workspaceId} order by name`) as Array<{
    name: string;
  }>;
  return rows.map((row) => row.name);
}

async function jobsOf(w: W) {
  return (await inspectSql()`select status, progress from job where workspace_id = ${w.workspaceId}`) as Array<Record<string, unknown>>;
}

const getJob = async (w: W, id: string) => (await call('GET', `${w.base}/jobs/${id}`, { cookie: w.cookie })).json;

/**
 * An import's job row as `POST …/projects/imports` writes it, without its first message on the real
 * queue, so a test delivers each message itself through the consumer.
 */
async function importJob(w: W, fileId: string, chunksPerMessage: number) {
  const id = crypto.randomUUID();
  const owner = parsePublicId('user', w.owner.user.id);
  const params = { file_id: fileIds.parse(fileId), limit: null, chunks_per_message: chunksPerMessage };
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [w.workspaceId]),
    sql`insert into job (id, workspace_id, kind, started_by, params)
        values (${id}, ${w.workspaceId}, 'projects.import', ${owner}, ${JSON.stringify(params)}::jsonb)`,
  ]);
  return { id, publicId: jobIds.toPublic(id), message: envelope('projects.import', { workspace_id: w.workspaceId, job_id: id }) };
}

/** Delivers one message to the real consumer, with a jobs queue that keeps (or refuses) what the job sends on. */
async function deliver(message: unknown, queue: ReturnType<typeof recordingQueue> | 'refusing', attempts = 1) {
  const refusing = {
    send: async () => {
      throw new Error('queue unavailable');
    },
    sendBatch: async () => {
      throw new Error('queue unavailable');
    },
  };
  return runBatch([delivery(message, attempts)], { bindings: { ...env, JOBS: queue === 'refusing' ? refusing : queue } });
}

describe('importing projects from a CSV, through the whole chain', () => {
  it('imports the good rows, reports the bad and the formula-like ones by row, and stores nothing of them', async () => {
    const w = await workspace();
    const fileId = await uploadCsv(
      w,
      csv(
        '\uFEFFName,Description,Status',
        'Apollo,"First, with a comma",active',
        ',no name,active',
        'Gemini,"Two\nlines",archived',
        '"=HYPERLINK(""https://evil.example"",""Click"")",x,active',
        'Vostok,@SUM(A1),active',
        'Mercury,+1 dial,active',
        ' -2+3,x,active',
        'Soyuz,\tx,active',
        'Skylab,ok,paused',
        'Mir,too,many,cells',
      ),
    );

    const started = await call('POST', `${w.base}/projects/imports`, { cookie: w.cookie, body: { file_id: fileId } });

    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ id: expect.stringMatching(/^job_[0-9a-z]{25}$/), kind: 'projects.import', status: 'queued' });
    const job = await eventually(
      () => getJob(w, started.json.id),
      (j) => j.status === 'succeeded',
    );
    expect(job).toMatchObject({ status: 'succeeded', progress: 10, total: 10, error: null, started_by: w.owner.user.id });
    expect(job.result).toEqual({
      imported: 2,
      failed: 8,
      errors: [
        { row: 2, column: 'name', message: 'must not be empty' },
        { row: 4, column: 'name', message: expect.stringContaining('formula') },
        { row: 5, column: 'description', message: expect.stringContaining('formula') },
        { row: 6, column: 'description', message: expect.stringContaining('formula') },
        { row: 7, column: 'name', message: expect.stringContaining('formula') },
        { row: 8, column: 'description', message: expect.stringContaining('formula') },
        { row: 9, column: 'status', message: 'must be “active” or “archived”' },
        { row: 10, column: null, message: 'expected 3 cells, found 4' },
      ],
    });
    expect(await projectNames(w)).toEqual(['Apollo', 'Gemini']);
    const [gemini] = await inspectSql()`select description, status from project where workspace_id = ${w.workspaceId} and name = 'Gemini'`;
    expect(gemini).toEqual({ description: 'Two\nlines', status: 'archived' });
    const audited = await inspectSql()`
      select target_type, metadata from audit_log where workspace_id = ${w.workspaceId} and action = 'project.import_started'`;
    expect(audited).toEqual([{ target_type: 'job', metadata: { file_id: fileId, rows: 10 } }]);
  });

  it('refuses with FEATURE_DISABLED while its flag is off for the caller, before the file is read, and starts nothing', async () => {
    const w = await workspace();
    const fileId = await uploadCsv(w, csv('name', 'Apollo'));
    await overrideFlag(w.workspaceId, csvImportFlag, false);

    const refused = await call('POST', `${w.base}/projects/imports`, { cookie: w.cookie, body: { file_id: fileId } });

    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({
      code: 'FEATURE_DISABLED',
      message: 'Importing projects from a CSV file is not available in this workspace',
    });
    expect(await jobsOf(w)).toEqual([]);
    // Refused before the file is read: a file that is not there gets the same answer.
    const unknownFile = await call('POST', `${w.base}/projects/imports`, {
      cookie: w.cookie,
      body: { file_id: fileIds.toPublic(crypto.randomUUID()) },
    });
    expect(unknownFile.json.error.code).toBe('FEATURE_DISABLED');
  });

  it('refuses a malformed file whole with CSV_INVALID, and starts nothing', async () => {
    const w = await workspace();
    const cases: Array<[string, Uint8Array, string]> = [
      ['bad encoding', new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x41, 0xff, 0xfe, 0x0a]), 'not valid UTF-8'],
      ['Latin-1', new Uint8Array([...bytesOf('name\nCaf'), 0xe9, 0x0a]), 'not valid UTF-8'],
      ['wrong columns', bytesOf(csv('title,owner', 'Apollo,Ann')), 'Unknown column “title”'],
      ['no name column', bytesOf(csv('description', 'x')), 'no “name” column'],
      ['repeated column', bytesOf(csv('name,name', 'a,b')), 'appears twice'],
      ['unclosed quote', bytesOf(csv('name,description', 'Apollo,"never closed', 'Gemini,x')), 'quoted field is not closed'],
      ['semicolons', bytesOf(csv('name;status', 'Apollo;active')), 'Unknown column “name;status”'],
      ['too many rows', bytesOf(csv('name', ...Array.from({ length: 50_001 }, (_, i) => `P${i}`))), 'at most 50,000'],
    ];
    for (const [label, bytes, message] of cases) {
      const id = await uploadFile(w.slug, w.cookie, bytes, { name: `${label}.csv`, content_type: 'text/csv' });
      await scan(w.workspaceId, fileIds.parse(id) ?? '');

      const res = await call('POST', `${w.base}/projects/imports`, { cookie: w.cookie, body: { file_id: id } });

      expect(res.status, label).toBe(422);
      expect(res.json.error.code, label).toBe('CSV_INVALID');
      expect(res.json.error.message, label).toContain(message);
    }
    expect(await jobsOf(w)).toEqual([]);
    expect(await projectNames(w)).toEqual([]);
  });

  it('refuses a file that is not a CSV, not yet scanned, or another workspace’s, and a 100 MB one at upload', async () => {
    const w = await workspace();
    const other = await workspace();
    const png = await uploadFile(w.slug, w.cookie, bytesOf('name\nx\n'), { name: 'x.png', content_type: 'image/png' });
    // Presigned and never uploaded: pending, so not scanned (a confirmed one may be scanned by the queue at any moment).
    const unscanned = (await startUpload(w.slug, w.cookie, bytesOf('name\nx\n'), { name: 'x.csv', content_type: 'text/csv' })).json.file.id;
    const foreign = await uploadCsv(other, csv('name', 'Secret'));
    const start = (fileId: string) => call('POST', `${w.base}/projects/imports`, { cookie: w.cookie, body: { file_id: fileId } });

    await scan(w.workspaceId, fileIds.parse(png) ?? '');
    const notCsv = await start(png);
    expect(notCsv.status).toBe(400);
    expect(notCsv.json.error.fields.file_id[0]).toContain('an import takes a CSV file');
    expect((await start(unscanned)).json.error.code).toBe('FILE_NOT_READY');
    expect((await start(foreign)).status).toBe(404);
    expect((await start('fil_nope')).status).toBe(404);
    const huge = await startUpload(w.slug, w.cookie, bytesOf('name\n'), {
      name: 'huge.csv',
      content_type: 'text/csv',
      size: 100 * 1024 * 1024,
    });
    expect(huge.status).toBe(400);
    expect(huge.json.error.fields.size[0]).toContain('at most');
    expect(await jobsOf(w)).toEqual([]);
  });

  it('keeps to the plan’s project limit and reports the rows beyond it', async () => {
    const w = await workspace('free');
    const fileId = await uploadCsv(w, csv('name', 'One', 'Two', 'Three', 'Four', 'Five'));

    const started = await call('POST', `${w.base}/projects/imports`, { cookie: w.cookie, body: { file_id: fileId } });
    const job = await eventually(
      () => getJob(w, started.json.id),
      (j) => j.status === 'succeeded',
    );

    expect(job.result).toEqual({
      imported: 3,
      failed: 2,
      errors: [
        { row: 4, column: null, message: 'not imported: the plan allows 3 projects' },
        { row: 5, column: null, message: 'not imported: the plan allows 3 projects' },
      ],
    });
    expect(await projectNames(w)).toEqual(['One', 'Three', 'Two']);
  });
});

describe('an import in chunks through the queue consumer', () => {
  it('imports 5,000 rows in chunks of 1,000, each row once, across a crash after a commit and a duplicated message', async () => {
    const w = await workspace();
    const rows = numbered(5000);
    rows[1234] = 'Bad row,,unknown-status';
    const fileId = await uploadCsv(w, csv('name,description,status', ...rows));
    const job = await importJob(w, fileId, 2);

    // Two chunks commit, then the next message cannot be sent: the consumer retries this one.
    const crashed = await deliver(job.message, 'refusing');
    expect(crashed.retryMessages).toHaveLength(1);
    expect(await getJob(w, job.publicId)).toMatchObject({
      status: 'running',
      progress: 2000,
      total: 5000,
      current: 'Rows 2,001–3,000 of 5,000',
    });

    // The redelivery carries on from row 2,001 and queues the next message.
    const queue = recordingQueue();
    expect((await deliver(job.message, queue, 2)).explicitAcks).toHaveLength(1);
    expect((await getJob(w, job.publicId)).progress).toBe(4000);
    expect(queue.sent).toHaveLength(1);

    // That message, delivered twice at once: one does the last chunk, the other finds it done.
    const next = recordingQueue();
    await Promise.all([deliver(queue.sent[0], next), deliver(queue.sent[0], next)]);
    expect(next.sent).toEqual([]);

    const done = await getJob(w, job.publicId);
    expect(done).toMatchObject({ status: 'succeeded', progress: 5000, total: 5000 });
    expect(done.result).toEqual({ imported: 4999, failed: 1, errors: [{ row: 1235, column: 'status', message: expect.any(String) }] });
    const names = await projectNames(w);
    expect(names).toHaveLength(4999);
    expect(new Set(names).size).toBe(4999);
    expect(names).toEqual(rows.filter((_, i) => i !== 1234).map((row) => row.split(',')[0] ?? ''));
  }, 60_000);

  it('stops within one chunk once cancelled: what was imported stays, nothing more is', async () => {
    const w = await workspace();
    const fileId = await uploadCsv(w, csv('name', ...numbered(3000).map((row) => row.split(',')[0] ?? '')));
    const job = await importJob(w, fileId, 1);
    const queue = recordingQueue();
    await deliver(job.message, queue);
    expect((await getJob(w, job.publicId)).progress).toBe(1000);

    const cancel = await call('POST', `${w.base}/jobs/${job.publicId}/cancel`, { cookie: w.cookie });
    expect(cancel.status).toBe(202);
    const after = recordingQueue();
    await deliver(queue.sent[0], after);

    expect(after.sent).toEqual([]);
    expect(await getJob(w, job.publicId)).toMatchObject({ status: 'cancelled', progress: 1000, finished_at: expect.any(String) });
    expect(await projectNames(w)).toHaveLength(1000);
    expect((await call('POST', `${w.base}/jobs/${job.publicId}/cancel`, { cookie: w.cookie })).status).toBe(409);
  }, 60_000);

  it('fails the job with the reason when its file is gone, importing nothing', async () => {
    const w = await workspace();
    const fileId = await uploadCsv(w, csv('name', 'Apollo'));
    const job = await importJob(w, fileId, 1);
    const [file] = await inspectSql()`select object_key from file where id = ${fileIds.parse(fileId)}`;
    await env.FILES.delete(file?.object_key as string);

    await deliver(job.message, recordingQueue());

    expect(await getJob(w, job.publicId)).toMatchObject({ status: 'failed', error: 'The file is no longer stored', progress: 0 });
    expect(await projectNames(w)).toEqual([]);
  });
});
