import { and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { QueryBuilder } from '../db/gateway.ts';
import { job } from '../db/schema.ts';
import { publicIdKind, toPublicId } from '../kernel/ids.ts';

/**
 * The `job` record every module's long work reports through (docs/decisions/056-jobs-people-can-watch.md):
 * a module inserts one with the write that starts the work and advances it from its queue job; the
 * jobs module reads it and takes cancellation requests. Beside `access.ts` rather than in the jobs
 * module, so that the modules that start jobs (audit, projects) and the jobs module, which audits,
 * need not import one another.
 *
 * No workspace filter anywhere: RLS scopes every row to the workspace in context.
 */

/** `job_…`: how the API shows a job's id. */
export const jobIds = publicIdKind('job', 'job');

export type JobRow = typeof job.$inferSelect;
export type JobStatus = JobRow['status'];
export const finishedStatuses: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];
export const isFinished = (status: JobStatus) => finishedStatuses.includes(status);

/**
 * How an export shows its job's status in its own answers, whose contract predates the job:
 * pending, running, done, failed (a cancelled export never wrote its file, so it reads failed).
 */
export const exportStatus = (status: JobStatus) =>
  (({ queued: 'pending', running: 'running', succeeded: 'done', failed: 'failed', cancelled: 'failed' }) as const)[status];

/** The most a list shows: the recent ones; older jobs are in their module's history. */
const LIST_LIMIT = 50;
const MAX_ERROR_LENGTH = 2000;

export const toJobDto = (row: JobRow) => ({
  id: jobIds.toPublic(row.id),
  kind: row.kind,
  status: row.status,
  progress: row.progress,
  total: row.total,
  current: row.current,
  result: (row.result ?? null) as Record<string, unknown> | null,
  error: row.error,
  started_by: row.startedBy ? toPublicId('user', row.startedBy) : null,
  cancel_requested: row.cancelRequested,
  created_at: row.createdAt.toISOString(),
  started_at: row.startedAt?.toISOString() ?? null,
  finished_at: row.finishedAt?.toISOString() ?? null,
});

/** A queued job; unexecuted, so it can join the batch (or transaction) of the write that starts the work. */
export const insertJob = (
  db: QueryBuilder,
  row: {
    id: string;
    kind: string;
    startedBy: string | null;
    params?: Record<string, unknown>;
    total?: number;
  } & ({ workspaceId: string; userId?: never } | { userId: string; workspaceId?: never }),
) => db.insert(job).values(row).returning();

/**
 * A workspace's jobs only: inside a workspace the signed-in person's own jobs (no workspace, such as
 * their data export) pass RLS too, but they are read through their own module's routes.
 */
const ofWorkspace = isNotNull(job.workspaceId);

export const selectJob = (db: QueryBuilder, id: string) =>
  db
    .select()
    .from(job)
    .where(and(eq(job.id, id), ofWorkspace));

/** Recent jobs of the workspace, newest first: all of them, or those one person started. */
export const selectRecentJobs = (db: QueryBuilder, startedBy: string | null | 'anyone') =>
  db
    .select()
    .from(job)
    .where(and(ofWorkspace, startedBy === 'anyone' ? undefined : startedBy === null ? sql`false` : eq(job.startedBy, startedBy)))
    .orderBy(desc(job.createdAt), desc(job.id))
    .limit(LIST_LIMIT);

/** The job, locked until the transaction ends: one worker advances it at a time. */
export async function lockJob(tx: QueryBuilder, id: string): Promise<JobRow | null> {
  const [row] = await tx.select().from(job).where(eq(job.id, id)).for('update');
  return row ?? null;
}

type Changeable = 'status' | 'progress' | 'total' | 'current' | 'result' | 'error' | 'startedAt' | 'finishedAt';
type JobChanges = { [K in Changeable]?: JobRow[K] | SQL };

export async function updateJob(tx: QueryBuilder, id: string, changes: JobChanges) {
  await tx
    .update(job)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(job.id, id));
}

/** Moves a running job's progress; unexecuted, so it can travel in the batch of the work it counts. */
export const progressStatement = (db: QueryBuilder, id: string, progress: number) =>
  db
    .update(job)
    .set({ progress, updatedAt: new Date() })
    .where(and(eq(job.id, id), eq(job.status, 'running')));

/** Marks a job running (once: `started_at` keeps its first value). */
export const startJob = (tx: QueryBuilder, id: string, changes: JobChanges = {}) =>
  updateJob(tx, id, { status: 'running', startedAt: sql`coalesce(${job.startedAt}, now())`, ...changes });

export const finishJob = (tx: QueryBuilder, id: string, status: 'succeeded' | 'cancelled', changes: JobChanges = {}) =>
  updateJob(tx, id, { status, current: null, finishedAt: new Date(), ...changes });

export const failJob = (tx: QueryBuilder, id: string, error: string) =>
  updateJob(tx, id, { status: 'failed', current: null, error: error.slice(0, MAX_ERROR_LENGTH), finishedAt: new Date() });

/** Asks a job that has not ended to stop; returns it, or null when it has ended (or is not there). */
export async function requestCancel(tx: QueryBuilder, id: string): Promise<JobRow | null> {
  const [row] = await tx
    .update(job)
    .set({ cancelRequested: true, updatedAt: new Date() })
    .where(and(eq(job.id, id), inArray(job.status, ['queued', 'running'])))
    .returning();
  return row ?? null;
}

/** Serialises the starts of one kind of job in a workspace (or of a person's own) until the transaction ends. */
export async function lockStarts(tx: QueryBuilder, ownerId: string, kind: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`job-start:${kind}:${ownerId}`}, 0))`);
}

/** The workspace's (or, outside one, the person's) job of this kind still queued or running, unless older than `staleAfterSeconds` (taken as lost). */
export async function selectUnfinished(tx: QueryBuilder, kind: string, staleAfterSeconds: number): Promise<JobRow | null> {
  const [row] = await tx
    .select()
    .from(job)
    .where(
      and(
        eq(job.kind, kind),
        inArray(job.status, ['queued', 'running']),
        sql`${job.createdAt} > now() - make_interval(secs => ${staleAfterSeconds})`,
      ),
    )
    .orderBy(desc(job.createdAt))
    .limit(1);
  return row ?? null;
}

/** Seconds until each job of this kind started in the window leaves it, oldest first (for the daily cap). */
export async function selectSecondsLeftInWindow(tx: QueryBuilder, kind: string, windowSeconds: number): Promise<number[]> {
  const rows = await tx
    .select({ secondsLeft: sql<string>`extract(epoch from ${job.createdAt} + make_interval(secs => ${windowSeconds}) - now())` })
    .from(job)
    .where(and(eq(job.kind, kind), sql`${job.createdAt} > now() - make_interval(secs => ${windowSeconds})`))
    .orderBy(asc(job.createdAt));
  return rows.map((row) => Number(row.secondsLeft));
}
