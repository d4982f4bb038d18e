import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../../queues/jobs.ts';
import { type Database, system } from '../../db/gateway.ts';
import type { Services } from '../../env.ts';
import { exportPurgeContext } from '../../db/schema.ts';
import { requireStorage, type Storage } from '../../kernel/storage.ts';
import * as jobs from '../job-records.ts';
import * as repo from './audit-exports.repo.ts';
import { auditLogIds } from './audit.ids.ts';

export const NDJSON = 'application/x-ndjson';
/** How long a finished export can be downloaded. */
export const EXPORT_RETENTION_DAYS = 7;
const PAGE_SIZE = 500;

export const exportObjectKey = (workspaceId: string, exportId: string) => `audit-exports/${workspaceId}/${exportId}.ndjson`;

type EntryRow = Awaited<ReturnType<typeof repo.selectEntriesPage>>[number];

/** One line of the export: the entry as the API would show it. */
function entryLine(row: EntryRow): string {
  return `${JSON.stringify({
    id: auditLogIds.toPublic(row.id),
    action: row.action,
    actor_type: row.actorType,
    actor_id: row.actorId,
    actor_name: row.actorName,
    target_type: row.targetType,
    target_id: row.targetId,
    ip: row.ip,
    user_agent: row.userAgent,
    request_id: row.requestId,
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
  })}\n`;
}

/**
 * The workspace's entries up to `until` as JSON lines, read a page at a time (keyset on
 * created_at, id) only as fast as storage consumes them, so memory stays at about one page.
 */
function entriesStream(db: Database, workspaceId: string, exportId: string, until: string, counted: { rows: number }) {
  const encoder = new TextEncoder();
  let after: repo.EntryPosition | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // The page and the job's progress so far travel in one round trip.
        const [page] = await inWorkspace(db, workspaceId).batch((q) => [
          repo.selectEntriesPage(q, { until, after, limit: PAGE_SIZE }),
          jobs.progressStatement(q, exportId, counted.rows),
        ]);
        if (page.length > 0) {
          controller.enqueue(encoder.encode(page.map(entryLine).join('')));
          counted.rows += page.length;
          const last = page[page.length - 1] as EntryRow;
          after = { createdAt: last.position, id: last.id };
        }
        if (page.length < PAGE_SIZE) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The job acts in one workspace as the request role: RLS scopes every row, whatever the payload names. */
const inWorkspace = (db: Database, workspaceId: string) => system(db, { role: 'app_request', workspace: workspaceId });

export type ExportOutcome = 'done' | 'already_done' | 'missing' | 'cancelled';

/**
 * The body of the `audit-log.export` job. Runs as the request role inside the export's workspace,
 * so RLS decides which rows it sees. Its status is its job's (same id). Safe to run again: a finished
 * export is left alone; a queued, running or failed one is written again to the same key with the same entries (those up to the
 * moment it was requested, which includes its own `audit_log.exported` entry).
 */
export async function runAuditExport(
  deps: { db: Database; storage: Storage | undefined; bus: Services['bus'] },
  workspaceId: string,
  exportId: string,
): Promise<{ outcome: ExportOutcome; row_count?: number }> {
  const db = deps.db;
  const storage = requireStorage(deps.storage);
  const claimed = await inWorkspace(db, workspaceId).interactive(async (tx) => {
    const row = await repo.lockExport(tx, exportId);
    const job = row && (await jobs.lockJob(tx, exportId));
    if (!row || !job) return null;
    if (job.status === 'succeeded') return { ...row, state: 'done' as const };
    if (job.cancelRequested) {
      await jobs.finishJob(tx, exportId, 'cancelled', { error: 'Cancelled' });
      return { ...row, state: 'cancelled' as const };
    }
    const total = await repo.countEntries(tx, row.until);
    await jobs.startJob(tx, exportId, { current: 'Writing the audit log', progress: 0, total, error: null, finishedAt: null });
    return { ...row, state: 'running' as const };
  });
  if (!claimed) return { outcome: 'missing' };
  if (claimed.state === 'done') return { outcome: 'already_done' };
  if (claimed.state === 'cancelled') return { outcome: 'cancelled' };

  const key = exportObjectKey(workspaceId, exportId);
  const counted = { rows: 0 };
  try {
    await storage.put(key, entriesStream(db, workspaceId, exportId, claimed.until, counted), { contentType: NDJSON });
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await inWorkspace(db, workspaceId).interactive((tx) => jobs.failJob(tx, exportId, text));
    throw error;
  }
  const recorded = await inWorkspace(db, workspaceId).interactive(async (tx) => {
    const rows = counted.rows;
    const done = await repo.markWritten(tx, exportId, { objectKey: key, rowCount: rows, retentionDays: EXPORT_RETENTION_DAYS });
    if (!done) return false;
    await jobs.finishJob(tx, exportId, 'succeeded', {
      finishedAt: sql`now()`,
      progress: rows,
      total: rows,
      result: { row_count: rows },
      error: null,
    });
    // Whoever asked is told, once: a run that finds the export already done publishes nothing.
    if (done.requestedBy) {
      const requestedBy = done.requestedBy;
      for (const statement of deps.bus.reactionsTo(
        { type: 'audit.export_ready', workspaceId, exportId, requestedBy, rowCount: rows },
        tx,
      )) {
        await statement;
      }
    }
    return true;
  });
  // The export went while its file was being written (its workspace purged, or the export expired):
  // nothing would ever point at the file again, so it goes too.
  if (!recorded) {
    await storage.delete(key);
    return { outcome: 'missing' };
  }
  return { outcome: 'done', row_count: counted.rows };
}

/**
 * Removes every export object of a workspace that is being purged (its rows go with the workspace).
 * Keys are derived from the rows, whatever their status, so a half-written export goes too. Deleting
 * a missing object is no error, so running it twice is harmless.
 */
export async function deleteWorkspaceExportObjects(
  deps: { db: Database; storage: Storage | undefined },
  workspaceId: string,
): Promise<number> {
  const rows = await inWorkspace(deps.db, workspaceId).query((q) => repo.selectAllExportIds(q));
  if (rows.length === 0) return 0;
  const storage = requireStorage(deps.storage);
  for (const row of rows) await storage.delete(exportObjectKey(workspaceId, row.id));
  return rows.length;
}

/**
 * The audit exports `exports.purge` removes (queues/export-purge.ts): those whose file expired, and
 * those that never finished within the same 7 days. A row without `object_key` may still have an
 * object at its own key (a write that ended before the row said done), so that key goes too.
 */
const purgeJob = (db: Database) => system(db, { role: 'app_request', lookup: exportPurgeContext });

export const auditExportPurge = {
  selectDue: async (db: Database, limit: number) => {
    const due = await purgeJob(db).query((q) => repo.selectPurgeDueExports(q, limit));
    return due.rows as Array<{ id: string; workspace_id: string; object_key: string | null }>;
  },
  objectKey: (row: { id: string; workspace_id: string; object_key: string | null }) =>
    row.object_key ?? exportObjectKey(row.workspace_id, row.id),
  deleteRows: async (db: Database, ids: string[]) => (await purgeJob(db).query((q) => repo.deletePurgeDueExports(q, ids))).length,
};

/**
 * Writes a workspace's audit log to object storage as JSON lines. Enqueued by
 * `POST /api/v1/w/{workspace}/audit-exports` once the export's row is committed; works as the
 * request role inside that workspace, so RLS scopes what it reads and writes.
 */
export const exportAuditLog = defineJob({
  name: 'audit-log.export',
  version: 1,
  payload: z.strictObject({ workspace_id: z.uuid(), export_id: z.uuid() }),
  workspaceOf: (payload) => payload.workspace_id,
  async handle({ workspace_id, export_id }, { db, services }) {
    return runAuditExport({ db, storage: services.storage, bus: services.bus }, workspace_id, export_id);
  },
});
