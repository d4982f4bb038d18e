import { z } from '@hono/zod-openapi';
import { jobSchema } from '../jobs/jobs.schema.ts';
import { deleteAccountInput } from './account.input.ts';

export const deleteAccountBody = deleteAccountInput.openapi('DeleteAccountRequest');

export const accountDeleted = z
  .object({
    /** Rows removed or changed per erasure step (e.g. `sessions`, `membership`, `profile`). */
    erased: z.record(z.string(), z.number().int()),
  })
  .openapi('AccountDeleted');

export const personalExportStatus = z.enum(['pending', 'running', 'done', 'failed']);

export const personalExportSchema = z
  .object({
    id: z.string(),
    status: personalExportStatus,
    /** 0 to 100. */
    progress: z.number().int(),
    size_bytes: z.number().int().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
    /** After this instant the archive is gone (410). */
    expires_at: z.string().nullable(),
    /** A signed link, valid for 15 minutes, while the export is done and not expired. */
    download_url: z.string().nullable(),
    download_url_expires_at: z.string().nullable(),
    /**
     * The export's job (`personal-data.export`, progress 0 to 100): the person's own, so it is read
     * here and cancelled at `POST /me/exports/{id}/cancel`, not under a workspace's jobs.
     */
    job: jobSchema,
  })
  .openapi('PersonalExport');

export const personalExportList = z.object({ items: z.array(personalExportSchema) });

export const exportParams = z.object({ id: z.string() });
export const workspaceParams = z.object({ workspace: z.string() });

export const downloadQuery = z
  .object({
    expires: z.coerce.number().int().positive(),
    signature: z.string().min(1).max(200),
  })
  .strict();
