import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../../queues/jobs.ts';
import { type Database, system } from '../../db/gateway.ts';
import { exportPurgeContext } from '../../db/schema.ts';
import { toPublicId } from '../../kernel/ids.ts';
import { requireStorage, type Storage } from '../../kernel/storage.ts';
import type { PersonalExportPart } from '../module.ts';
import * as jobs from '../job-records.ts';
import * as repo from './personal-exports.repo.ts';
import { personalExportIds } from './account.ids.ts';
import { auditLogIds } from '../audit/audit.ids.ts';

export const ARCHIVE_TYPE = 'application/json';
/** How long a finished archive is kept; each download link is shorter-lived (download-link.ts). */
export const ARCHIVE_RETENTION_DAYS = 7;

export const archiveObjectKey = (userId: string, exportId: string) => `personal-exports/${userId}/${exportId}.json`;

type AuditRow = Awaited<ReturnType<typeof repo.selectAuditEntriesBy>>[number];

const auditEntry = (row: AuditRow) => ({
  id: auditLogIds.toPublic(row.id),
  workspace_id: row.workspaceId ? toPublicId('workspace', row.workspaceId) : null,
  action: row.action,
  target_type: row.targetType,
  target_id: row.targetId,
  ip: row.ip,
  user_agent: row.userAgent,
  metadata: row.metadata,
  created_at: row.createdAt.toISOString(),
});

/** The job acts for one person as the request role: RLS shows it exactly what that person may see. */
const asPerson = (db: Database, userId: string) => system(db, { role: 'app_request', person: userId });

export type PersonalExportOutcome = 'done' | 'already_done' | 'missing' | 'cancelled';

/**
 * The body of the `personal-data.export` job: gathers what is tied to the person (profile,
 * memberships, the audit entries they made, and each module's part, such as the projects they
 * created: `personalExport` in its manifest) into one JSON archive in object storage, advancing
 * its job's `progress` (0 to 100) as each part is read. Each part is its own transaction, so a
 * poller sees progress as it happens; a cancel request is read under the job's lock before each
 * part and ends it `cancelled`. Runs as the request role for that person, so RLS decides what
 * it sees; a payload naming someone else's export finds nothing. Safe to run again: a finished
 * export is left alone, any other is gathered again and written to the same key.
 */
export async function runPersonalExport(
  deps: { db: Database; storage: Storage | undefined; parts: readonly PersonalExportPart[] },
  userId: string,
  exportId: string,
): Promise<{ outcome: PersonalExportOutcome; size_bytes?: number }> {
  const { db } = deps;
  const storage = requireStorage(deps.storage);
  const claimed = await asPerson(db, userId).interactive(async (tx) => {
    const row = await repo.lockExport(tx, exportId);
    const job = row && (await jobs.lockJob(tx, exportId));
    if (!row || !job) return 'missing';
    if (job.status === 'succeeded') return 'already_done';
    if (job.cancelRequested) {
      await jobs.finishJob(tx, exportId, 'cancelled');
      return 'cancelled';
    }
    await jobs.startJob(tx, exportId, { progress: 0, total: 100, current: 'Your account', error: null, finishedAt: null });
    return 'running';
  });
  if (claimed !== 'running') return { outcome: claimed };

  /** Moves the job on, or ends it cancelled when someone asked it to stop: false then. */
  const step = (progress: number, current: string) =>
    asPerson(db, userId).interactive(async (tx) => {
      const job = await jobs.lockJob(tx, exportId);
      if (job?.cancelRequested) {
        await jobs.finishJob(tx, exportId, 'cancelled');
        return false;
      }
      await jobs.updateJob(tx, exportId, { progress, current });
      return true;
    });
  try {
    const account = await asPerson(db, userId).interactive(async (tx) => ({
      profile: await repo.selectProfile(tx, userId),
      memberships: await repo.selectMemberships(tx, userId),
      auditEntries: await repo.selectAuditEntriesBy(tx, userId, null),
    }));
    if (!account.profile) throw new Error('The account no longer exists');
    if (!(await step(20, 'Your workspaces'))) return { outcome: 'cancelled' };

    const auditEntries = account.auditEntries.map(auditEntry);
    const { parts } = deps;
    const content: Record<string, unknown[]> = Object.fromEntries(parts.map((part) => [part.name, []]));
    for (const [index, m] of account.memberships.entries()) {
      const part = await asPerson(db, userId).interactive(async (tx, session) => {
        await session.enterWorkspace(m.workspaceId);
        const entries = await repo.selectAuditEntriesBy(tx, userId, m.workspaceId);
        const rows: unknown[][] = [];
        for (const contribution of parts) rows.push(await contribution.collect(tx, userId, m.workspaceId));
        return { entries, rows };
      });
      auditEntries.push(...part.entries.map(auditEntry));
      for (const [i, contribution] of parts.entries()) content[contribution.name]?.push(...(part.rows[i] ?? []));
      const moved = await step(20 + Math.floor((70 * (index + 1)) / account.memberships.length), 'Writing the archive');
      if (!moved) return { outcome: 'cancelled' };
    }

    const archive = JSON.stringify(
      {
        format: 'personal-data-export',
        version: 1,
        export_id: personalExportIds.toPublic(exportId),
        generated_at: new Date().toISOString(),
        profile: {
          id: toPublicId('user', account.profile.id),
          email: account.profile.email,
          name: account.profile.name,
          created_at: account.profile.createdAt.toISOString(),
          updated_at: account.profile.updatedAt.toISOString(),
        },
        memberships: account.memberships.map((m) => ({
          workspace: { id: toPublicId('workspace', m.workspaceId), slug: m.slug, name: m.name },
          role: m.role,
          joined_at: m.joinedAt.toISOString(),
        })),
        audit_entries: auditEntries.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id)),
        content,
      },
      null,
      2,
    );
    const key = archiveObjectKey(userId, exportId);
    await storage.put(key, archive, { contentType: ARCHIVE_TYPE });
    const sizeBytes = new TextEncoder().encode(archive).byteLength;
    await asPerson(db, userId).interactive(async (tx) => {
      await repo.markWritten(tx, exportId, { objectKey: key, sizeBytes, retentionDays: ARCHIVE_RETENTION_DAYS });
      await jobs.finishJob(tx, exportId, 'succeeded', {
        finishedAt: sql`now()`,
        progress: 100,
        result: { size_bytes: sizeBytes },
        error: null,
      });
    });
    return { outcome: 'done', size_bytes: sizeBytes };
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await asPerson(db, userId).interactive((tx) => jobs.failJob(tx, exportId, text));
    throw error;
  }
}

/**
 * The personal exports `exports.purge` removes (queues/export-purge.ts): those whose archive expired,
 * and those that never finished within the same 7 days. A row without `object_key` may still have an
 * archive at its own key (written before the row said done), so that key goes too.
 */
const purgeJob = (db: Database) => system(db, { role: 'owner', lookup: exportPurgeContext });

export const personalExportPurge = {
  selectDue: async (db: Database, limit: number) => {
    const due = await purgeJob(db).query((q) => repo.selectPurgeDueExports(q, limit));
    return due.rows as Array<{ id: string; user_id: string; object_key: string | null }>;
  },
  objectKey: (row: { id: string; user_id: string; object_key: string | null }) => row.object_key ?? archiveObjectKey(row.user_id, row.id),
  deleteRows: async (db: Database, ids: string[]) => (await purgeJob(db).query((q) => repo.deletePurgeDueExports(q, ids))).length,
};

/**
 * Gathers everything tied to one person into a JSON archive in object storage. Enqueued by
 * `POST /api/v1/me/exports` once the export's row is committed; works as the request role for that
 * person, so RLS scopes what it reads and writes.
 */
export const exportPersonalData = defineJob({
  name: 'personal-data.export',
  version: 1,
  payload: z.strictObject({ user_id: z.uuid(), export_id: z.uuid() }),
  async handle({ user_id, export_id }, { db, services, modules }) {
    return runPersonalExport({ db, storage: services.storage, parts: modules.flatMap((m) => m.personalExport ?? []) }, user_id, export_id);
  },
});
