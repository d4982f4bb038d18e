import { type Database, type Scope, system, type TenantGateway, type Tx } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { assertUnderDailyCap, jobBounds } from '../../kernel/job-bounds.ts';
import { requireStorage, type Storage } from '../../kernel/storage.ts';
import { enqueue, type JobQueue } from '../../../queues/enqueue.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as jobs from '../job-records.ts';
import { checkDownloadLink, signDownloadLink } from './download-link.ts';
import { ARCHIVE_TYPE, exportPersonalData } from './personal-exports.job.ts';
import * as repo from './personal-exports.repo.ts';
import { personalExportIds } from './account.ids.ts';

function personIdOf(scope: Scope): string {
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  return scope.actor.userId;
}

/** A finished, unexpired export carries a fresh signed link each time it is read. */
async function toDto(row: repo.ExportRow, secret: string) {
  const id = personalExportIds.toPublic(row.id);
  const status = jobs.exportStatus(row.job.status);
  const link = status === 'done' && row.objectKey && !row.expired ? await signDownloadLink(secret, id) : null;
  return {
    id,
    status,
    progress: row.job.progress,
    size_bytes: row.sizeBytes,
    created_at: row.createdAt.toISOString(),
    finished_at: row.job.finishedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    download_url: link?.url ?? null,
    download_url_expires_at: link?.expiresAt ?? null,
    /** The export's job: a person's own, read and cancelled only here (it belongs to no workspace). */
    job: jobs.toJobDto(row.job),
  };
}

/**
 * Records a pending export and its audit entry in one transaction, then enqueues the job once that
 * has committed (a message never names a row that does not exist). If sending fails the row is
 * marked failed and the caller is told to try again.
 *
 * Bounded (docs/decisions/030): while one of the person's exports is pending or running, a repeat
 * answers with that export and queues nothing; beyond `jobBounds.personalExport.perDay` requests
 * a day the answer is 429. The person's requests take a transaction lock first, so two at once
 * cannot both queue.
 */
export async function requestExport(
  gateway: TenantGateway,
  deps: { queue: JobQueue; storage: Storage | undefined; secret: string },
  context: AuditContext,
) {
  requireStorage(deps.storage);
  const bound = jobBounds.personalExport;
  const created = await gateway.write(async (tx, scope) => {
    const userId = personIdOf(scope);
    const kind = exportPersonalData.name;
    await jobs.lockStarts(tx, userId, kind);
    const running = await jobs.selectUnfinished(tx, kind, bound.staleAfterSeconds);
    if (running) return { row: await readExportIn(tx, running.id), userId, queue: false };
    assertUnderDailyCap(await jobs.selectSecondsLeftInWindow(tx, kind, bound.windowSeconds), bound, 'data exports');
    const id = newUuid();
    // The export is its job (same id), the person's own; the row keeps the archive.
    await jobs.insertJob(tx, { id, userId, kind, startedBy: userId, total: 100 });
    await repo.insertExport(tx, { id, userId });
    const row = await readExportIn(tx, id);
    await recordAudit(
      tx,
      { workspaceId: null, actor: scope.actor, action: 'user.data_export_requested', target: { type: 'personal_export', id: row.id } },
      context,
    );
    return { row, userId, queue: true };
  });
  if (created.queue) {
    try {
      await enqueue(deps.queue, exportPersonalData, { user_id: created.userId, export_id: created.row.id });
    } catch (error) {
      await gateway.write((tx) => jobs.failJob(tx, created.row.id, 'The export job could not be enqueued'));
      throw new AppError('SERVICE_UNAVAILABLE', 'The export could not be started; try again', { cause: error });
    }
  }
  return toDto(created.row, deps.secret);
}

async function readExportIn(tx: Tx, id: string) {
  const [row] = await repo.selectExport(tx, id);
  if (!row) throw new AppError('INTERNAL', 'The export was not created');
  return row;
}

export async function listExports(gateway: TenantGateway, secret: string) {
  const { scope, result } = await gateway.read((http) => repo.selectExports(http));
  personIdOf(scope);
  return { items: await Promise.all(result.map((row) => toDto(row, secret))) };
}

/** Someone else's export reads exactly like a missing one (RLS shows only the person's own). */
export async function getExport(gateway: TenantGateway, secret: string, publicId: string) {
  const id = personalExportIds.require(publicId, 'Export');
  const { scope, result } = await gateway.read((http) => repo.selectExport(http, id));
  personIdOf(scope);
  const row = result[0];
  if (!row) throw new AppError('NOT_FOUND', 'Export not found');
  return toDto(row, secret);
}

/**
 * Asks the export's job to stop (audited once); it stops before its next part and ends
 * `cancelled`. Asking again is harmless; an export that has ended answers 409.
 */
export async function cancelExport(gateway: TenantGateway, secret: string, publicId: string, context: AuditContext) {
  const id = personalExportIds.require(publicId, 'Export');
  const row = await gateway.write(async (tx, scope) => {
    personIdOf(scope);
    const [existing] = await repo.selectExport(tx, id);
    if (!existing) throw new AppError('NOT_FOUND', 'Export not found');
    const asked = await jobs.requestCancel(tx, id);
    if (!asked) throw new AppError('CONFLICT', `The export has already ended (${existing.job.status})`);
    if (!existing.job.cancelRequested) {
      await recordAudit(
        tx,
        {
          workspaceId: null,
          actor: scope.actor,
          action: 'job.cancel_requested',
          target: { type: 'job', id },
          metadata: { kind: asked.kind },
        },
        context,
      );
    }
    return readExportIn(tx, id);
  });
  return toDto(row, secret);
}

/**
 * The archive behind a signed link. The link is the credential (no session needed): a bad
 * signature reads as a missing export, an old one says it expired and how to get a new one.
 */
export async function downloadExport(
  db: Database,
  storage: Storage | undefined,
  secret: string,
  link: { exportPublicId: string; expires: number; signature: string },
) {
  const files = requireStorage(storage);
  const id = personalExportIds.parse(link.exportPublicId);
  const check = id ? await checkDownloadLink(secret, link) : 'invalid';
  if (!id || check === 'invalid') throw new AppError('NOT_FOUND', 'Export not found');
  if (check === 'expired') {
    throw new AppError('LINK_EXPIRED', 'This download link has expired. Open “Your data” in your account settings to get a new link.');
  }
  const [row] = await system(db, { role: 'owner' }).query((q) => repo.selectExportForDownload(q, id));
  if (!row) throw new AppError('NOT_FOUND', 'Export not found');
  // The archive's key is set in the transaction that ends its job `succeeded`, never before.
  if (!row.objectKey) throw new AppError('EXPORT_NOT_READY', 'The export is not ready yet');
  if (row.expired) throw new AppError('GONE', 'The export has expired; request a new one');
  const object = await files.get(row.objectKey);
  if (!object) throw new AppError('GONE', 'The export is no longer available; request a new one');
  return { body: object.body, size: object.size, contentType: ARCHIVE_TYPE, filename: `personal-data-${link.exportPublicId}.json` };
}
