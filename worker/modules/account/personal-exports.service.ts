import { type Database, type Scope, system, type TenantGateway } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { assertUnderDailyCap, jobBounds } from '../../kernel/job-bounds.ts';
import { requireStorage, type Storage } from '../../kernel/storage.ts';
import { enqueue, type JobQueue } from '../../../queues/enqueue.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { checkDownloadLink, signDownloadLink } from './download-link.ts';
import { ARCHIVE_TYPE, exportPersonalData } from './personal-exports.job.ts';
import * as repo from './personal-exports.repo.ts';
import { personalExportIds } from './account.ids.ts';

type ExportRow = NonNullable<Awaited<ReturnType<typeof repo.insertExport>>>;

function personIdOf(scope: Scope): string {
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  return scope.actor.userId;
}

/** A finished, unexpired export carries a fresh signed link each time it is read. */
async function toDto(row: ExportRow, secret: string) {
  const id = personalExportIds.toPublic(row.id);
  const link = row.status === 'done' && !row.expired ? await signDownloadLink(secret, id) : null;
  return {
    id,
    status: row.status,
    progress: row.progress,
    size_bytes: row.sizeBytes,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    download_url: link?.url ?? null,
    download_url_expires_at: link?.expiresAt ?? null,
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
    await repo.lockExportRequests(tx, userId);
    const running = await repo.selectRunningExport(tx, bound.staleAfterSeconds);
    if (running) return { row: running, userId, queue: false };
    assertUnderDailyCap(await repo.selectSecondsLeftInWindow(tx, bound.windowSeconds), bound, 'data exports');
    const row = await repo.insertExport(tx, { id: newUuid(), userId, status: 'pending' });
    if (!row) throw new AppError('INTERNAL', 'The export was not created');
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
      await gateway.write((tx) => repo.markFailed(tx, created.row.id, 'The export job could not be enqueued'));
      throw new AppError('SERVICE_UNAVAILABLE', 'The export could not be started; try again', { cause: error });
    }
  }
  return toDto(created.row, deps.secret);
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
  if (row.status !== 'done' || !row.objectKey) throw new AppError('EXPORT_NOT_READY', `The export is not ready (status: ${row.status})`);
  if (row.expired) throw new AppError('GONE', 'The export has expired; request a new one');
  const object = await files.get(row.objectKey);
  if (!object) throw new AppError('GONE', 'The export is no longer available; request a new one');
  return { body: object.body, size: object.size, contentType: ARCHIVE_TYPE, filename: `personal-data-${link.exportPublicId}.json` };
}
