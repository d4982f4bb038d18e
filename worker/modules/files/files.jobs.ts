import { z } from 'zod';
import { defineJob, type JobDeps } from '../../../queues/jobs.ts';
import { type Database, system } from '../../db/gateway.ts';
import { parseRecipient, requireMailer } from '../../kernel/mailer.ts';
import { requireStorage, type Storage } from '../../kernel/storage.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { fileQuarantinedEmail } from '../mail/templates/file-quarantined.tsx';
import { workspacePrefix } from './files.keys.ts';
import * as repo from './files.repo.ts';

/** Pending uploads older than this are abandoned: their rows and objects are purged. */
export const PENDING_TTL_HOURS = 24;
/** Rows handled per purge run; the next run picks up the rest. */
const PURGE_BATCH = 500;
const hourMs = 3_600_000;

/** The job acts in one workspace as the request role: RLS scopes every row, whatever the payload names. */
const inWorkspace = (db: Database, workspaceId: string) => system(db, { role: 'app_request', workspace: workspaceId });

type ScanDeps = Pick<JobDeps, 'db' | 'config' | 'services'>;
export type ScanOutcome = 'clean' | 'quarantined' | 'already_scanned' | 'missing' | 'object_missing';

/**
 * The body of `files.scan`: streams an uploaded file's object through the scanner, then, in one
 * transaction, marks it clean or quarantined and, for a quarantined file, writes the audit entry
 * and mails the uploader as the last step (a failed send rolls the verdict back; the job retries).
 * A quarantined file's object is deleted once the verdict has committed. Safe to run twice: a
 * scanned file is left as it is (a quarantined one's object is deleted again, in case that failed).
 */
export async function runScan(deps: ScanDeps, workspaceId: string, fileId: string): Promise<{ outcome: ScanOutcome }> {
  const { scanner } = deps.services;
  const storage = requireStorage(deps.services.storage);
  const [row] = await inWorkspace(deps.db, workspaceId).query((q) => repo.selectOne(q, fileId));
  if (!row) return { outcome: 'missing' };
  if (row.status === 'quarantined') await storage.delete(row.objectKey);
  if (row.status !== 'uploaded') return { outcome: 'already_scanned' };
  if (!scanner) throw new Error('No scanner is configured (SCANNER)');

  const object = await storage.get(row.objectKey);
  if (!object) return { outcome: 'object_missing' };
  const verdict = await scanner.scan({ body: object.body, name: row.name, size: object.size });
  const status = verdict.verdict === 'clean' ? 'clean' : 'quarantined';
  const signature = verdict.verdict === 'infected' ? verdict.signature.slice(0, 200) : null;

  const decided = await inWorkspace(deps.db, workspaceId).interactive(async (tx) => {
    const locked = await repo.lockFile(tx, fileId);
    if (locked?.status !== 'uploaded') return false;
    await repo.markScanned(tx, fileId, { status, signature });
    if (status === 'quarantined') {
      await recordAudit(
        tx,
        {
          workspaceId,
          actor: { type: 'system', reason: 'file-scan' },
          action: 'file.quarantined',
          target: { type: 'file', id: fileId },
          metadata: { signature },
        },
        { ip: null, userAgent: null, requestId: `scan:${fileId}` },
      );
      await notifyUploader(tx, deps, locked);
    }
    return true;
  });
  if (!decided) return { outcome: 'already_scanned' };
  if (status === 'quarantined') await storage.delete(row.objectKey);
  return { outcome: status };
}

/** Mails the uploader, if they are still a member of the workspace; the directory shows members only. */
async function notifyUploader(tx: Parameters<typeof repo.lockFile>[0], deps: ScanDeps, row: repo.FileRow): Promise<void> {
  if (!row.uploadedBy) return;
  const [member, ws] = [await repo.memberAddress(tx, row.uploadedBy), await repo.currentWorkspace(tx)];
  if (!member || !ws) return;
  const appOrigin = deps.config.APP_ORIGIN;
  await requireMailer(deps.services.mailer).send({
    to: parseRecipient(member.email, 'email'),
    ...(await fileQuarantinedEmail({ fileName: row.name, workspaceName: ws.name, workspaceSlug: ws.slug, appOrigin })),
  });
}

/** Scans one confirmed file (`runScan`). Enqueued by `POST …/files/{id}/confirm` after the confirmation commits. */
export const scanFile = defineJob({
  name: 'files.scan',
  version: 1,
  payload: z.strictObject({ workspace_id: z.uuid(), file_id: z.uuid() }),
  async handle({ workspace_id, file_id }, deps) {
    return runScan(deps, workspace_id, file_id);
  },
});

/**
 * Deletes uploads announced more than 24 hours before `now` and never confirmed: the object first
 * (if the browser put one), then the row, as the request role through the policies that admit only
 * such rows (`file_pending_purge_*`). Safe to run twice: a deleted object deletes again without
 * error, and a row confirmed meanwhile is no longer pending, so it stays.
 */
export async function purgePendingUploads(deps: { db: Database; storage: Storage | undefined }, now: Date) {
  const cutoff = new Date(now.getTime() - PENDING_TTL_HOURS * hourMs).toISOString();
  const purgeJob = system(deps.db, { role: 'app_request', lookup: { purge_before: cutoff } });
  const due = await purgeJob.query((q) => repo.selectPendingDue(q, PURGE_BATCH));
  if (due.length === 0) return { deleted: 0 };
  const storage = requireStorage(deps.storage);
  for (const row of due) await storage.delete(row.objectKey);
  const deleted = await purgeJob.query((q) =>
    repo.deletePendingDue(
      q,
      due.map((row) => row.id),
    ),
  );
  return { deleted: deleted.length };
}

export const purgePendingFiles = defineJob({
  name: 'files.purge-pending',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, deps) {
    return purgePendingUploads({ db: deps.db, storage: deps.services.storage }, new Date());
  },
});

/** Removes every object under a workspace's prefix, for the purge of a deleted workspace (its rows cascade). */
export async function deleteWorkspaceFiles(deps: { storage: Storage | undefined }, workspaceId: string): Promise<number> {
  // A deployment without a bucket has had nowhere to put files.
  if (!deps.storage) return 0;
  return deps.storage.deletePrefix(workspacePrefix(workspaceId));
}
