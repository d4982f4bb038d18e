import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PageQuery } from '../router.ts';
import { newUuid } from '../../kernel/ids.ts';
import { type JobQueue, sendMessages } from '../../../queues/enqueue.ts';
import type { JobMessage } from '../../../queues/jobs.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { jobFailureIds } from './jobs.ids.ts';
import * as repo from './jobs.repo.ts';

const toDto = (row: repo.FailureRow) => ({
  id: jobFailureIds.toPublic(row.id),
  job: row.job,
  error: row.error,
  attempts: row.attempts,
  failed_at: row.failedAt.toISOString(),
  retried_at: row.retriedAt?.toISOString() ?? null,
});

export async function listFailures(gateway: TenantGateway, query: PageQuery, secret: string) {
  const after = await pagePosition(secret, 'job-failures', query.cursor);
  const { scope, result } = await gateway.read((http) => repo.selectFailurePage(http, { after, limit: query.limit }));
  assertCan(scope, 'job_failure:read');
  return cursorPage(
    result,
    { secret, query: 'job-failures', limit: query.limit, position: (r) => ({ value: r.sortValue, id: r.failure.id }) },
    (r) => toDto(r.failure),
  );
}

/**
 * Sends a failed job again, as a new message with the same job, version and payload; the consumer
 * validates it as any other. Marked retried (and audited) in one transaction first, so two admins at
 * once send it once; if the queue then refuses it, the mark is taken back and the caller told.
 */
export async function retryFailure(gateway: TenantGateway, queue: JobQueue, publicId: string, context: AuditContext) {
  const id = jobFailureIds.require(publicId, 'Failed job');
  const row = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'job_failure:retry');
    const [marked] = await repo.markRetried(tx, id, scope.userId);
    if (!marked) {
      const [existing] = await repo.selectFailure(tx, id);
      if (!existing) throw new AppError('NOT_FOUND', 'Failed job not found');
      throw new AppError('CONFLICT', 'This job was already sent again');
    }
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: 'job.retried', target: { type: 'job_failure', id } }, context);
    return marked;
  });
  const message: JobMessage = {
    id: newUuid(),
    job: row.job,
    version: row.version,
    payload: row.payload,
    enqueued_at: new Date().toISOString(),
  };
  try {
    await sendMessages(queue, [message]);
  } catch {
    await gateway.write(async (tx, scope) => {
      assertCan(scope, 'job_failure:retry');
      await repo.unmarkRetried(tx, id);
    });
    throw new AppError('SERVICE_UNAVAILABLE', 'The job could not be queued; try again in a moment');
  }
  return toDto(row);
}
