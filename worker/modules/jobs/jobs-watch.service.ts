import type { Scope, TenantGateway } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { allows, assertCan, personBehind } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as records from '../job-records.ts';

/**
 * Watching and cancelling the workspace's jobs. Who started a job sees it and may cancel it;
 * admins and owners see and cancel every job of the workspace. Anyone else's job reads as missing.
 */
const visibleTo = (scope: Scope, row: records.JobRow) => allows(scope, 'job:read_any') || row.startedBy === personBehind(scope);

export async function listJobs(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => records.selectRecentJobs(http, 'anyone'));
  assertCan(scope, 'job:read');
  return { items: result.filter((row) => visibleTo(scope, row)).map(records.toJobDto) };
}

export async function getJob(gateway: TenantGateway, publicId: string) {
  const id = records.jobIds.require(publicId, 'Job');
  const { scope, result } = await gateway.read((http) => records.selectJob(http, id));
  assertCan(scope, 'job:read');
  const row = result[0];
  if (!row || !visibleTo(scope, row)) throw new AppError('NOT_FOUND', 'Job not found');
  return records.toJobDto(row);
}

/**
 * Asks the job to stop (audited); it stops at its next step and ends `cancelled`. Asking again is
 * harmless; a job that has ended answers 409.
 */
export async function cancelJob(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = records.jobIds.require(publicId, 'Job');
  const row = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'job:read');
    const [existing] = await records.selectJob(tx, id);
    if (!existing || !visibleTo(scope, existing)) throw new AppError('NOT_FOUND', 'Job not found');
    if (records.isFinished(existing.status)) throw new AppError('CONFLICT', `The job has already ended (${existing.status})`);
    const asked = await records.requestCancel(tx, id);
    if (!asked) throw new AppError('CONFLICT', 'The job has already ended');
    if (!existing.cancelRequested) {
      await recordAudit(
        tx,
        { workspaceId, actor: scope.actor, action: 'job.cancel_requested', target: { type: 'job', id }, metadata: { kind: existing.kind } },
        context,
      );
    }
    return asked;
  });
  return records.toJobDto(row);
}
