import type { Tx } from '../../db/gateway.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { assertUnderDailyCap, jobBounds } from '../../kernel/job-bounds.ts';
import type { Config } from '../../kernel/config.ts';
import { requireStorage, type Storage } from '../../kernel/storage.ts';
import { enqueue, type JobQueue } from '../../../queues/enqueue.ts';
import { assertCan, personBehind } from '../access.ts';
import * as jobs from '../job-records.ts';
import { entitled } from '../entitlements.ts';
import { requireFlag } from '../flags/flags.service.ts';
import { exportAuditLog, NDJSON } from './audit-exports.job.ts';
import * as repo from './audit-exports.repo.ts';
import { type AuditContext, recordAudit } from './audit.service.ts';
import { auditExportFlag } from './audit.flags.ts';
import { auditExportIds } from './audit.ids.ts';

export const toAuditExportDto = (row: repo.ExportRow) => ({
  id: auditExportIds.toPublic(row.id),
  job_id: jobs.jobIds.toPublic(row.id),
  status: jobs.exportStatus(row.status),
  row_count: row.rowCount,
  created_at: row.createdAt.toISOString(),
  finished_at: row.finishedAt?.toISOString() ?? null,
  expires_at: row.expiresAt?.toISOString() ?? null,
});

/**
 * Records a pending export (and the audit entry saying who asked) in one transaction, then, once
 * that has committed, enqueues the job that writes it. A message is never sent for a row that does
 * not exist; if sending fails, the row is marked failed and the caller is told to try again.
 * The route is deliberately outside the idempotency link: inside its unit of work the send would
 * precede the commit.
 *
 * Refused with FEATURE_DISABLED while the `audit.exports` flag is off for the caller, before anything else.
 *
 * Bounded (docs/decisions/030): while an export of the workspace is pending or running, a repeat
 * answers with that export and queues nothing; beyond `jobBounds.auditExport.perDay` requests a
 * day the answer is 429. Requests of one workspace take a transaction lock first, so two at once
 * cannot both queue.
 */
export async function requestExport(
  gateway: TenantGateway,
  deps: { queue: JobQueue; storage: Storage | undefined; appEnv: Config['APP_ENV'] },
  context: AuditContext,
) {
  await requireFlag(gateway, deps.appEnv, auditExportFlag);
  requireStorage(deps.storage);
  const bound = jobBounds.auditExport;
  const created = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'audit:read');
    entitled(scope.workspace, 'auditLogExport');
    const kind = exportAuditLog.name;
    await jobs.lockStarts(tx, workspaceId, kind);
    const running = await jobs.selectUnfinished(tx, kind, bound.staleAfterSeconds);
    if (running) return { row: await readExportIn(tx, running.id), workspaceId, queue: false };
    assertUnderDailyCap(await jobs.selectSecondsLeftInWindow(tx, kind, bound.windowSeconds), bound, 'audit log exports per workspace');
    const id = newUuid();
    // The export is its job (same id): people watch it at GET …/jobs/{job_id}; the row keeps the file.
    await jobs.insertJob(tx, { id, workspaceId, kind, startedBy: personBehind(scope) });
    await repo.insertExport(tx, { id, workspaceId, requestedBy: scope.userId });
    const row = await readExportIn(tx, id);
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'audit_log.exported', target: { type: 'audit_export', id: row.id } },
      context,
    );
    return { row, workspaceId, queue: true };
  });
  const { row, workspaceId } = created;
  if (created.queue) {
    try {
      await enqueue(deps.queue, exportAuditLog, { workspace_id: workspaceId, export_id: row.id });
    } catch (error) {
      await gateway.write((tx) => jobs.failJob(tx, row.id, 'The export job could not be enqueued'));
      throw new AppError('SERVICE_UNAVAILABLE', 'The export could not be started; try again', { cause: error });
    }
  }
  return {
    id: auditExportIds.toPublic(row.id),
    job_id: jobs.jobIds.toPublic(row.id),
    status: jobs.exportStatus(row.status),
    created_at: row.createdAt.toISOString(),
  };
}

async function readExportIn(tx: Tx, id: string) {
  const [row] = await repo.selectExport(tx, id);
  if (!row) throw new AppError('INTERNAL', 'Audit export was not created');
  return row;
}

/** One round trip: credential, membership, RLS context and the row travel together. */
async function readExport(gateway: TenantGateway, publicId: string) {
  const id = auditExportIds.require(publicId, 'Audit export');
  const { scope, result } = await gateway.read((http) => repo.selectExport(http, id));
  assertCan(scope, 'audit:read');
  const row = result[0];
  if (!row) throw new AppError('NOT_FOUND', 'Audit export not found');
  return row;
}

export async function getExport(gateway: TenantGateway, publicId: string) {
  return toAuditExportDto(await readExport(gateway, publicId));
}

/** The finished export's file: 409 until it is done, 410 once it has expired. */
export async function downloadExport(gateway: TenantGateway, storage: Storage | undefined, publicId: string) {
  const files = requireStorage(storage);
  const row = await readExport(gateway, publicId);
  const status = jobs.exportStatus(row.status);
  if (status !== 'done' || !row.objectKey) {
    throw new AppError('EXPORT_NOT_READY', `The export is not ready (status: ${status})`);
  }
  if (row.expired) throw new AppError('GONE', 'The export has expired; request a new one');
  const object = await files.get(row.objectKey);
  if (!object) throw new AppError('GONE', 'The export is no longer available; request a new one');
  return {
    body: object.body,
    size: object.size,
    contentType: NDJSON,
    filename: `audit-log-${auditExportIds.toPublic(row.id)}.ndjson`,
  };
}
