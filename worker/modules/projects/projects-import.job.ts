import { z } from 'zod';
import { enqueue, type JobQueue } from '../../../queues/enqueue.ts';
import { defineJob } from '../../../queues/jobs.ts';
import { formatCount } from '../../kernel/format.ts';
import { type Database, system } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import type { Storage } from '../../kernel/storage.ts';
import { lockLimit } from '../entitlements.ts';
import { readCleanFileInJob } from '../files/files.service.ts';
import * as jobs from '../job-records.ts';
import { CsvError, type ImportedProject, type ParsedCsv, parseProjectsCsv, projectOfRow, type RowError } from './projects-import.csv.ts';
import * as repo from './projects.repo.ts';

/** Rows per chunk: each chunk is one transaction. */
export const CHUNK_ROWS = 1000;
/** Chunks one queue message does before it queues the next: 5,000 rows, well within a consumer's time. */
export const CHUNKS_PER_MESSAGE = 5;
/** The error report keeps the first this many rows' errors; `failed` counts them all. */
export const MAX_REPORTED_ERRORS = 1000;
export const IMPORT_KIND = 'projects.import';

/** What the request that starts an import stores for the job (`job.params`). */
export interface ImportParams {
  file_id: string;
  /** The plan's project limit when the import was asked for; null: none. */
  limit: number | null;
  /** Chunks per queue message, when not `CHUNKS_PER_MESSAGE`. */
  chunks_per_message?: number;
}

/** `job.result` of an import, advanced chunk by chunk. */
export interface ImportResult {
  imported: number;
  failed: number;
  errors: RowError[];
}

export type ImportDeps = { db: Database; storage: Storage | undefined; queue?: JobQueue | undefined };

type Outcome = 'chunk' | 'continued' | 'finished' | 'cancelled' | 'invalid' | 'raced' | 'already_ended' | 'missing';

const inWorkspace = (db: Database, workspaceId: string) => system(db, { role: 'app_request', workspace: workspaceId });

/**
 * One queue message of an import: up to `chunks_per_message` chunks of `CHUNK_ROWS` rows, then the
 * next message. Each chunk's projects, its errors and the job's resume point (`progress`, the rows
 * done) commit in one transaction under the job's row lock, and the next message is queued only
 * after the last commit. So a crash inside a chunk rolls it back and the redelivery redoes it; a
 * crash after a commit (or before the next message is sent) is redelivered and carries on from
 * `progress`; a second delivery of a message finds `progress` moved under the lock and stops. No row
 * is skipped or written twice. A cancellation is read under the same lock before each chunk, so at
 * most the chunk in flight is written after it.
 */
export async function runImport(deps: ImportDeps, workspaceId: string, jobId: string) {
  const db = inWorkspace(deps.db, workspaceId);
  const [job] = await db.query((q) => jobs.selectJob(q, jobId));
  if (!job) return { outcome: 'missing' as Outcome, chunks: 0 };
  if (jobs.isFinished(job.status)) return { outcome: 'already_ended' as Outcome, chunks: 0 };
  const params = job.params as ImportParams;

  let file: ParsedCsv | string = 'The import was cancelled';
  if (!job.cancelRequested) {
    try {
      file = await parseProjectsCsv((await readCleanFileInJob(deps, workspaceId, params.file_id)).bytes);
    } catch (error) {
      if (!(error instanceof CsvError || error instanceof AppError)) throw error;
      file = error.message;
    }
  }

  let from = job.progress;
  const perMessage = params.chunks_per_message ?? CHUNKS_PER_MESSAGE;
  for (let chunk = 1; chunk <= perMessage; chunk++) {
    const step = await importChunk(db, { workspaceId, jobId, params, file, from });
    if (step.outcome !== 'chunk') return { outcome: step.outcome, chunks: chunk };
    from = step.progress;
  }
  if (!deps.queue) throw new Error('The import needs the jobs queue to go on to its next chunk');
  await enqueue(deps.queue, importProjects, { workspace_id: workspaceId, job_id: jobId });
  return { outcome: 'continued' as Outcome, chunks: perMessage, progress: from };
}

/** The chunk that starts at row `from` (0-based), in one transaction with the job's advance. */
async function importChunk(
  db: ReturnType<typeof inWorkspace>,
  step: { workspaceId: string; jobId: string; params: ImportParams; file: ParsedCsv | string; from: number },
): Promise<{ outcome: Outcome; progress: number }> {
  const { workspaceId, jobId, params, file, from } = step;
  return db.interactive(async (tx) => {
    const locked = await jobs.lockJob(tx, jobId);
    const done = (outcome: Outcome) => ({ outcome, progress: locked?.progress ?? from });
    if (!locked || jobs.isFinished(locked.status)) return done('already_ended');
    if (locked.progress !== from) return done('raced');
    if (locked.cancelRequested) {
      await jobs.finishJob(tx, jobId, 'cancelled');
      return done('cancelled');
    }
    if (typeof file === 'string') {
      await jobs.failJob(tx, jobId, file);
      return done('invalid');
    }
    const total = file.rows.length;
    const checked = file.rows.slice(from, from + CHUNK_ROWS).map((cells, i) => projectOfRow(file.columns, cells, from + i + 1));

    // The plan's limit, counted under the lock every project write takes: rows beyond it are reported.
    await lockLimit(tx, 'projects', workspaceId);
    let room = params.limit === null ? Number.POSITIVE_INFINITY : params.limit - (await repo.countProjectsInUse(tx));
    const admitted: ImportedProject[] = [];
    const errors: RowError[] = [];
    for (const [i, c] of checked.entries()) {
      if ('error' in c) errors.push(c.error);
      else if (room-- > 0) admitted.push(c.project);
      else
        errors.push({
          row: from + i + 1,
          column: null,
          message: `not imported: the plan allows ${formatCount(params.limit ?? 0)} projects`,
        });
    }
    if (admitted.length > 0) {
      await repo.insertProjects(
        tx,
        admitted.map((project) => ({ id: newUuid(), workspaceId, ...project, createdBy: locked.startedBy })),
      );
    }

    const before = (locked.result as ImportResult | null) ?? { imported: 0, failed: 0, errors: [] };
    const result: ImportResult = {
      imported: before.imported + admitted.length,
      failed: before.failed + errors.length,
      errors: [...before.errors, ...errors].slice(0, MAX_REPORTED_ERRORS),
    };
    const progress = from + checked.length;
    if (progress >= total) {
      await jobs.finishJob(tx, jobId, 'succeeded', { progress, total, result, startedAt: locked.startedAt ?? new Date() });
      return { outcome: 'finished', progress };
    }
    const next = `Rows ${formatCount(progress + 1)}–${formatCount(Math.min(progress + CHUNK_ROWS, total))} of ${formatCount(total)}`;
    await jobs.startJob(tx, jobId, { progress, total, result, current: next });
    return { outcome: 'chunk', progress };
  });
}

/**
 * Imports a CSV of projects a chunk at a time, a few chunks per message, each message queueing the next.
 * Started by `POST /api/v1/w/{workspace}/projects/imports` once the job's row has committed.
 */
export const importProjects = defineJob({
  name: IMPORT_KIND,
  version: 1,
  payload: z.strictObject({ workspace_id: z.uuid(), job_id: z.uuid() }),
  workspaceOf: (payload) => payload.workspace_id,
  async handle({ workspace_id, job_id }, { db, services, queue }) {
    return runImport({ db, storage: services.storage, queue }, workspace_id, job_id);
  },
});
