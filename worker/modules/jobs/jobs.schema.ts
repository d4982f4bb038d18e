import { z } from '@hono/zod-openapi';
import { pageOf } from '../router.ts';

const exampleFailure = {
  id: 'jfl_03hd5bdod59kra855f10b0dyi',
  job: 'audit-log.export',
  error: 'Error: object storage answered 503',
  attempts: 5,
  failed_at: '2026-12-06T01:44:09.120Z',
  retried_at: null,
};

export const jobFailureSchema = z
  .object({
    id: z.string(),
    /** The job's name, as its module defines it. */
    job: z.string(),
    /** The error of its last attempt. */
    error: z.string(),
    attempts: z.number().int(),
    failed_at: z.string(),
    /** Set once someone sent it again; a failure is retried at most once. */
    retried_at: z.string().nullable(),
  })
  .openapi('JobFailure', { example: exampleFailure });

export const jobFailurePage = pageOf(jobFailureSchema, 'JobFailurePage');

export const workspaceParams = z.object({ workspace: z.string() });
export const jobFailureParams = z.object({ workspace: z.string(), id: z.string() });

const exampleJob = {
  id: 'job_03hd5bdod59kra855f10b0dyj',
  kind: 'projects.import',
  status: 'running',
  progress: 2000,
  total: 4890,
  current: 'Rows 2,001–3,000',
  result: { imported: 1998, failed: 2, errors: [{ line: 14, column: 'name', message: 'must not be empty' }] },
  error: null,
  started_by: 'usr_03hd5bdkkl74egkqvs1kt7y6h',
  cancel_requested: false,
  created_at: '2026-12-06T01:44:08.673Z',
  started_at: '2026-12-06T01:44:09.120Z',
  finished_at: null,
};

export const jobSchema = z
  .object({
    id: z.string(),
    /** What the job does, named by the module that runs it: `projects.import`, `audit-log.export`. */
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    /** Units done so far (rows, entries); with `total`, when known, a progress bar. */
    progress: z.number().int(),
    total: z.number().int().nullable(),
    current: z.string().nullable(),
    /** What the job reports once it ends (counts, a per-row error report), shaped by its kind. */
    result: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
    started_by: z.string().nullable(),
    /** Asked to stop: it stops at its next step (an import within one chunk) and ends `cancelled`. */
    cancel_requested: z.boolean(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi('Job', { example: exampleJob });

export const jobList = z.object({ items: z.array(jobSchema) }).openapi('JobList');
export const jobParams = z.object({ workspace: z.string(), id: z.string() });
