import { z } from '@hono/zod-openapi';
import { pageOf } from '../router.ts';

/** The largest upload: what one presigned PUT and the scanner's default limit (25 MiB) both take. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export const fileStatus = z.enum(['pending', 'uploaded', 'clean', 'quarantined']);

export const fileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    content_type: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    status: fileStatus,
    uploaded_by: z.string().nullable(),
    created_at: z.string(),
    uploaded_at: z.string().nullable(),
    scanned_at: z.string().nullable(),
  })
  .openapi('File', {
    example: {
      id: 'fil_03hd5bdkkl74egkqvs1kt7y6g',
      name: 'Quarterly report.pdf',
      content_type: 'application/pdf',
      size: 482113,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      status: 'clean',
      uploaded_by: 'usr_03hd5bdkkl74egkqvs1kt7y6h',
      created_at: '2026-12-06T01:44:08.673Z',
      uploaded_at: '2026-12-06T01:44:10.102Z',
      scanned_at: '2026-12-06T01:44:11.530Z',
    },
  });

// `type/subtype` with RFC 6838 restricted-name characters, no parameters.
const mediaType = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

export const createFileBody = z
  .object({
    name: z.string().min(1).max(1024).openapi({ description: 'The name to download it under; cleaned, never used as a path' }),
    content_type: z
      .string()
      .transform((value) => value.trim().toLowerCase())
      .refine((value) => mediaType.test(value), 'must be a media type like image/png, without parameters'),
    size: z
      .number()
      .int()
      .min(1, 'an empty file cannot be uploaded')
      .max(MAX_FILE_BYTES, `a file may be at most ${MAX_FILE_BYTES} bytes`)
      .openapi({ description: 'The exact length in bytes; the upload URL accepts no other' }),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the SHA-256 of the file, 64 hexadecimal digits')
      .transform((value) => value.toLowerCase()),
  })
  .strict()
  .openapi('CreateFileRequest', {
    example: {
      name: 'Quarterly report.pdf',
      content_type: 'application/pdf',
      size: 482113,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    },
  });

const presignedRequest = z.object({
  method: z.enum(['PUT', 'GET']),
  url: z.string(),
  headers: z.record(z.string(), z.string()).openapi({ description: 'Send exactly these headers; the signature covers them' }),
  expires_at: z.string(),
});

export const createdFile = z.object({ file: fileSchema, upload: presignedRequest }).openapi('FileUpload', {
  example: {
    file: {
      id: 'fil_03hd5bdkkl74egkqvs1kt7y6g',
      name: 'Quarterly report.pdf',
      content_type: 'application/pdf',
      size: 482113,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      status: 'pending',
      uploaded_by: 'usr_03hd5bdkkl74egkqvs1kt7y6h',
      created_at: '2026-12-06T01:44:08.673Z',
      uploaded_at: null,
      scanned_at: null,
    },
    upload: {
      method: 'PUT',
      url: 'https://<account>.r2.cloudflarestorage.com/edge-saas-files/files/…?X-Amz-Signature=…',
      headers: {
        'content-type': 'application/pdf',
        'content-length': '482113',
        'x-amz-checksum-sha256': 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
      },
      expires_at: '2026-12-06T01:59:08.000Z',
    },
  },
});

export const fileDownload = z.object({ ...presignedRequest.shape, disposition: z.enum(['attachment', 'inline']) }).openapi('FileDownload', {
  example: {
    method: 'GET',
    url: 'https://<account>.r2.cloudflarestorage.com/edge-saas-files/files/…?response-content-disposition=…&X-Amz-Signature=…',
    headers: {},
    expires_at: '2026-12-06T01:49:08.000Z',
    disposition: 'attachment',
  },
});

export const fileList = z.object({ items: z.array(fileSchema) }).openapi('FileList');
export const filePage = pageOf(fileSchema, 'FilePage');

export const downloadQuery = z
  .object({ disposition: z.enum(['attachment', 'inline']).default('attachment') })
  .strict()
  .openapi({ description: '`inline` is honoured only for raster images; every other file is an attachment' });

export const storageUsage = z
  .object({
    used_bytes: z
      .number()
      .int()
      .openapi({ description: 'Bytes counted against the plan: every file not quarantined, uploads in progress included' }),
    limit_bytes: z.number().int().nullable().openapi({ description: 'The plan’s storage limit in bytes; null: no limit' }),
    plan: z.string(),
  })
  .openapi('StorageUsage', { example: { used_bytes: 482113, limit_bytes: 1000000000, plan: 'free' } });

export const workspaceParams = z.object({ workspace: z.string() });
export const fileParams = z.object({ workspace: z.string(), id: z.string() });

export type CreateFileInput = z.infer<typeof createFileBody>;

export const setAvatarBody = z
  .object({
    file_id: z.string().max(64).openapi({ description: 'A clean image (PNG, JPEG, GIF, WebP or AVIF) you uploaded to this workspace' }),
  })
  .strict()
  .openapi('SetAvatarRequest', { example: { file_id: 'fil_03hd5bdkkl74egkqvs1kt7y6g' } });

export const avatarLink = z.object({ file: fileSchema, url: z.string(), expires_at: z.string() }).openapi('AvatarLink', {
  description: 'A presigned inline GET of the avatar, valid 5 minutes',
});

export const attachFileBody = z
  .object({ file_id: z.string().max(64).openapi({ description: 'A file of this workspace (upload it first)' }) })
  .strict()
  .openapi('AttachFileRequest', { example: { file_id: 'fil_03hd5bdkkl74egkqvs1kt7y6g' } });
