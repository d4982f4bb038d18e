import type { TenantGateway } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { assertUnderDailyCap, jobBounds } from '../../kernel/job-bounds.ts';
import type { Config } from '../../kernel/config.ts';
import type { Storage } from '../../kernel/storage.ts';
import { enqueue, type JobQueue } from '../../../queues/enqueue.ts';
import { assertCan, personBehind } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { limitOf } from '../entitlements.ts';
import { fileIds } from '../files/files.ids.ts';
import { requireFlag } from '../flags/flags.service.ts';
import { readCleanFile } from '../files/files.service.ts';
import * as jobs from '../job-records.ts';
import { csvImportFlag } from './projects.flags.ts';
import { CsvError, parseProjectsCsv } from './projects-import.csv.ts';
import { IMPORT_KIND, type ImportParams, importProjects } from './projects-import.job.ts';

/** What a CSV file is declared as by the browsers that upload one (Windows says Excel). */
const csvTypes = new Set(['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel']);

/**
 * Starts importing projects from an uploaded, scanned CSV file, while the `projects.csv-import` flag
 * is on for the caller (checked before anything is read). The whole file is checked first
 * (encoding, columns, quotes, row count): a malformed one is refused here with CSV_INVALID and
 * nothing is started. Then the job's row and the audit entry are written in one batch, and the first
 * chunk is queued once they have committed; if the queue refuses, the job is marked failed and the
 * caller told to try again.
 */
export async function startImport(
  gateway: TenantGateway,
  deps: { queue: JobQueue; storage: Storage | undefined; appEnv: Config['APP_ENV'] },
  input: { file_id: string },
  context: AuditContext,
) {
  await requireFlag(gateway, deps.appEnv, csvImportFlag);
  const file = await readCleanFile(gateway, deps.storage, input.file_id);
  if (!csvTypes.has(file.contentType)) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
      fields: { file_id: [`the file is ${file.contentType}; an import takes a CSV file (text/csv)`] },
    });
  }
  let rows: number;
  try {
    rows = (await parseProjectsCsv(file.bytes)).rows.length;
  } catch (error) {
    if (error instanceof CsvError) throw new AppError('CSV_INVALID', error.message);
    throw error;
  }
  // Bounded as every job a request starts (docs/decisions/030-bounded-jobs-and-outages.md): one
  // import at a time per workspace (a repeat meanwhile answers with it), a cap per rolling day.
  const bound = jobBounds.projectsImport;
  const id = newUuid();
  const started = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'project:import');
    await jobs.lockStarts(tx, workspaceId, IMPORT_KIND);
    const unfinished = await jobs.selectUnfinished(tx, IMPORT_KIND, bound.staleAfterSeconds);
    if (unfinished) return { row: unfinished, workspaceId, queue: false };
    assertUnderDailyCap(await jobs.selectSecondsLeftInWindow(tx, IMPORT_KIND, bound.windowSeconds), bound, 'imports per workspace');
    const params: ImportParams = { file_id: file.id, limit: limitOf(scope.workspace, 'projects') };
    const [row] = await jobs.insertJob(tx, { id, workspaceId, kind: IMPORT_KIND, startedBy: personBehind(scope), params: { ...params } });
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'project.import_started',
        target: { type: 'job', id },
        metadata: { file_id: fileIds.toPublic(file.id), rows },
      },
      context,
    );
    return { row, workspaceId, queue: true };
  });
  const created = started.row;
  if (!created) throw new AppError('INTERNAL', 'The import was not created');
  if (!started.queue) return jobs.toJobDto(created);
  try {
    await enqueue(deps.queue, importProjects, { workspace_id: started.workspaceId, job_id: id });
  } catch (error) {
    await gateway.write((tx) => jobs.failJob(tx, id, 'The import could not be queued'));
    throw new AppError('SERVICE_UNAVAILABLE', 'The import could not be started; try again', { cause: error });
  }
  return jobs.toJobDto(created);
}
