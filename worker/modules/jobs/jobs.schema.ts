import { z } from '@hono/zod-openapi';

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

export const jobFailureList = z.object({ items: z.array(jobFailureSchema) }).openapi('JobFailureList');

export const workspaceParams = z.object({ workspace: z.string() });
export const jobFailureParams = z.object({ workspace: z.string(), id: z.string() });
