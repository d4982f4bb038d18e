import { z } from '@hono/zod-openapi';

export const auditExportStatus = z.enum(['pending', 'running', 'done', 'failed']);

export const auditExportAccepted = z
  .object({
    id: z.string(),
    /** The job to watch for its progress: `GET /w/{workspace}/jobs/{job_id}`. */
    job_id: z.string(),
    status: auditExportStatus,
    created_at: z.string(),
  })
  .openapi('AuditExportAccepted');

export const auditExportSchema = z
  .object({
    id: z.string(),
    job_id: z.string(),
    status: auditExportStatus,
    /** Entries written, once done. */
    row_count: z.number().int().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
    /** After this instant the download answers 410. */
    expires_at: z.string().nullable(),
  })
  .openapi('AuditExport');

export const workspaceParams = z.object({ workspace: z.string() });
export const auditExportParams = z.object({ workspace: z.string(), id: z.string() });
