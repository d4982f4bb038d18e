import { type Database, system, type TenantGateway, type Tx } from '../../db/gateway.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PageQuery } from '../router.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import type { Scanner } from '../../kernel/scanner.ts';
import { type ObjectUrls, requireStorage, type Storage } from '../../kernel/storage.ts';
import { enqueue, type JobQueue } from '../../../queues/enqueue.ts';
import { assertCan } from '../access.ts';
import { type LimitCheck, limitOf, planOf, withinLimit } from '../entitlements.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { cleanFileName, contentDisposition, inlineImageTypes } from './file-names.ts';
import { fileIds } from './files.ids.ts';
import { objectKeyOf } from './files.keys.ts';
import * as repo from './files.repo.ts';
import type { CreateFileInput } from './files.schema.ts';
import { scanFile } from './files.jobs.ts';

/** An upload URL lives 15 minutes; a download URL 5. */
export const UPLOAD_URL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;
export const toFileDto = (row: repo.FileRow) => ({
  id: fileIds.toPublic(row.id),
  name: row.name,
  content_type: row.contentType,
  size: row.sizeBytes,
  sha256: row.sha256,
  status: row.status,
  uploaded_by: row.uploadedBy ? toPublicId('user', row.uploadedBy) : null,
  created_at: row.createdAt.toISOString(),
  uploaded_at: row.uploadedAt?.toISOString() ?? null,
  scanned_at: row.scannedAt?.toISOString() ?? null,
});

const presignedDto = (p: { method: 'PUT' | 'GET'; url: string; headers: Record<string, string>; expiresAt: Date }) => ({
  method: p.method,
  url: p.url,
  headers: p.headers,
  expires_at: p.expiresAt.toISOString(),
});

/** Uploads need presigned URLs and a scanner; without either this deployment offers no files (503). */
function requireUploads(deps: { objectUrls: ObjectUrls | undefined; scanner: Scanner | undefined }): ObjectUrls {
  if (!deps.objectUrls || !deps.scanner) throw new AppError('SERVICE_UNAVAILABLE', 'File uploads are not configured');
  return deps.objectUrls;
}

/**
 * Announces an upload: a pending row (in one batched write with its audit entry) and a presigned
 * PUT for exactly the declared type, length and SHA-256, under a key the server chose.
 */
export async function createFile(
  gateway: TenantGateway,
  deps: { objectUrls: ObjectUrls | undefined; scanner: Scanner | undefined },
  input: CreateFileInput,
  context: AuditContext,
) {
  const urls = requireUploads(deps);
  const name = cleanFileName(input.name);
  if (!name)
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', { fields: { name: ['must contain a printable character'] } });
  const id = newUuid();
  let limit: LimitCheck | undefined;
  const [, , [created]] = await gateway
    .write(
      (scope) => assertCan(scope, 'file:upload'),
      (db, workspaceId, scope) => {
        // The plan's storage, counted under its lock in the same batch: racing uploads cannot all fit.
        limit = withinLimit(scope.workspace, 'storageBytes', input.size);
        return [
          ...limit.statements(db, repo.storageInUse()),
          repo.insertFile(db, {
            id,
            workspaceId,
            objectKey: objectKeyOf(workspaceId, id),
            name,
            contentType: input.content_type,
            sizeBytes: input.size,
            sha256: input.sha256,
            uploadedBy: scope.userId,
          }),
          auditStatement(db, { workspaceId, actor: scope.actor, action: 'file.upload_started', target: { type: 'file', id } }, context),
        ] as const;
      },
    )
    .catch((error: unknown) => {
      throw limit ? limit.refusal(error) : error;
    });
  if (!created) throw new AppError('INTERNAL', 'File was not created');
  const upload = await urls.presignPut({
    key: created.objectKey,
    contentType: created.contentType,
    size: created.sizeBytes,
    sha256Hex: created.sha256,
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return { file: toFileDto(created), upload: presignedDto(upload) };
}

/** One page of the workspace's files, newest first, with their scan status; one round trip. */
export async function listFiles(gateway: TenantGateway, query: PageQuery, secret: string) {
  const after = await pagePosition(secret, 'files', query.cursor);
  const { scope, result } = await gateway.read((http) => repo.selectPage(http, { after, limit: query.limit }));
  assertCan(scope, 'file:read');
  return cursorPage(result, { secret, query: 'files', limit: query.limit, position: (f) => ({ value: f.sortValue, id: f.id }) }, toFileDto);
}

/** The workspace's storage against its plan's limit, for anyone who may read its files. */
export async function storageUsage(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectStorageUsed(http));
  assertCan(scope, 'file:read');
  return { used_bytes: Number(result[0]?.used ?? 0), limit_bytes: limitOf(scope.workspace, 'storageBytes'), plan: planOf(scope.workspace) };
}

async function readFile(gateway: TenantGateway, publicId: string) {
  const id = fileIds.require(publicId, 'File');
  const { scope, result } = await gateway.read((http) => repo.selectOne(http, id));
  assertCan(scope, 'file:read');
  const row = result[0];
  if (!row) throw new AppError('NOT_FOUND', 'File not found');
  return { row, scope };
}

export async function getFile(gateway: TenantGateway, publicId: string) {
  return toFileDto((await readFile(gateway, publicId)).row);
}

/**
 * The stored object's SHA-256: the checksum storage kept from the signed upload, or, should it have
 * kept none, the digest of the bytes as storage streams them back (never through the client).
 */
async function storedSha256(storage: Storage, key: string, kept: string | null): Promise<string | null> {
  if (kept) return kept;
  const object = await storage.get(key);
  if (!object) return null;
  // At most MAX_FILE_BYTES: the signed length bounds what can be under the key.
  const digest = await crypto.subtle.digest('SHA-256', await new Response(object.body).arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What storage holds under the key, compared with what was declared; the first difference, or null. */
function mismatchOf(row: repo.FileRow, head: { size: number; contentType: string | null; sha256: string | null }): string | null {
  if (head.size !== row.sizeBytes) return `the upload is ${head.size} bytes, ${row.sizeBytes} were declared`;
  if (head.contentType !== row.contentType) return `the upload is ${head.contentType ?? 'untyped'}, ${row.contentType} was declared`;
  if (head.sha256 !== row.sha256) return 'the upload’s SHA-256 differs from the one declared';
  return null;
}

/**
 * The browser has PUT the bytes: checks the stored object against the row (size, type, SHA-256),
 * marks it uploaded with its audit entry, and queues the scan once that has committed. The scan is
 * queued only by the confirmation that moved the file from pending to uploaded, so a file is scanned
 * once however often it is confirmed (docs/decisions/030); should the queue refuse, the file goes back
 * to pending and the caller confirms again. A confirmed file is returned as it is.
 */
export async function confirmFile(
  gateway: TenantGateway,
  deps: { storage: Storage | undefined; queue: JobQueue },
  publicId: string,
  context: AuditContext,
) {
  const storage = requireStorage(deps.storage);
  const { row, scope } = await readFile(gateway, publicId);
  assertCan(scope, 'file:upload');
  if (row.status !== 'pending') return toFileDto(row);
  const head = await storage.head(row.objectKey);
  if (!head) throw new AppError('FILE_NOT_UPLOADED', 'Nothing has been uploaded for this file yet');
  const mismatch = mismatchOf(row, { ...head, sha256: await storedSha256(storage, row.objectKey, head.sha256) });
  if (mismatch) {
    await storage.delete(row.objectKey);
    throw new AppError('FILE_MISMATCH', `The upload does not match the file: ${mismatch}`);
  }
  const marked = await gateway.write(async (tx, writeScope) => {
    const workspaceId = assertCan(writeScope, 'file:upload');
    // Checked again with the bytes that have arrived: the plan may have changed since the presign.
    await withinLimit(writeScope.workspace, 'storageBytes', row.sizeBytes).check(tx, repo.storageInUse(true));
    const updated = await repo.markUploaded(tx, row.id);
    if (updated) {
      await recordAudit(
        tx,
        { workspaceId, actor: writeScope.actor, action: 'file.uploaded', target: { type: 'file', id: row.id } },
        context,
      );
    }
    return updated;
  });
  // Another confirmation got there first and queued the scan.
  if (!marked) return getFile(gateway, publicId);
  try {
    await enqueue(deps.queue, scanFile, { workspace_id: marked.workspaceId, file_id: marked.id });
  } catch (error) {
    await gateway.write((tx) => repo.markPendingAgain(tx, marked.id));
    throw new AppError('SERVICE_UNAVAILABLE', 'The scan could not be queued; confirm again', { cause: error });
  }
  return toFileDto(marked);
}

/**
 * A short signed GET (5 minutes) for a clean file. Attachment by default, with the name encoded
 * for every client; `inline` only for raster images, served as their own type. Everything else
 * goes out as `application/octet-stream`, so nothing a browser could render runs from it.
 */
export async function downloadFile(
  gateway: TenantGateway,
  objectUrls: ObjectUrls | undefined,
  publicId: string,
  wanted: 'attachment' | 'inline',
) {
  if (!objectUrls) throw new AppError('SERVICE_UNAVAILABLE', 'File downloads are not configured');
  const { row } = await readFile(gateway, publicId);
  if (row.status === 'quarantined') throw new AppError('FILE_QUARANTINED', 'The file was found to be malicious and is never served');
  if (row.status !== 'clean')
    throw new AppError('FILE_NOT_READY', `The file cannot be downloaded until it is scanned (status: ${row.status})`);
  const image = inlineImageTypes.has(row.contentType);
  const disposition = wanted === 'inline' && image ? 'inline' : 'attachment';
  const signed = await objectUrls.presignGet({
    key: row.objectKey,
    contentType: image ? row.contentType : 'application/octet-stream',
    contentDisposition: contentDisposition(row.name, disposition),
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
  });
  return { ...presignedDto(signed), disposition };
}

/**
 * The database id of a file that may be shown as a picture (a workspace's logo): in this workspace
 * (row-level security hides any other's), found clean by the scan, and a raster image. Anything
 * else is a field error on `field`, said the same way whether the file is missing or unfit.
 */
export async function showableImage(tx: Tx, publicId: string, field: string): Promise<string> {
  const unfit = () =>
    new AppError('VALIDATION_FAILED', 'Pick a clean image file', { fields: { [field]: ['must be a clean image file of this workspace'] } });
  const id = fileIds.parse(publicId);
  if (!id) throw unfit();
  const row = await repo.lockFile(tx, id);
  if (!row || row.status !== 'clean' || !inlineImageTypes.has(row.contentType)) throw unfit();
  return id;
}

/**
 * A file of the workspace in context that another module links to its records (an attachment):
 * locked in the caller's transaction, anything but quarantined. Missing, foreign and quarantined
 * files are one field error on `field`.
 */
export async function linkableFile(tx: Tx, publicId: string, field: string) {
  const id = fileIds.parse(publicId);
  const row = id ? await repo.lockFile(tx, id) : null;
  if (!row || row.status === 'quarantined')
    throw new AppError('VALIDATION_FAILED', 'Pick a file of this workspace', {
      fields: { [field]: ['must be a file of this workspace that was not quarantined'] },
    });
  return { id: row.id, dto: toFileDto(row) };
}

/** Files of the request's workspace by database id, in the order given (missing ones left out), for anyone who may read files. */
export async function filesByIds(gateway: TenantGateway, ids: string[]) {
  if (ids.length === 0) return [];
  const { scope, result } = await gateway.read((http) => repo.selectMany(http, ids));
  assertCan(scope, 'file:read');
  const byId = new Map(result.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toFileDto(row)] : [];
  });
}

/** A file's bytes for another module that reads what people upload (an import): only a clean file's. */
async function cleanBytes(storage: Storage, row: repo.FileRow): Promise<Uint8Array> {
  if (row.status === 'quarantined') throw new AppError('FILE_QUARANTINED', 'The file was found to be malicious and is never read');
  if (row.status !== 'clean') throw new AppError('FILE_NOT_READY', `The file cannot be read until it is scanned (status: ${row.status})`);
  const object = await storage.get(row.objectKey);
  if (!object) throw new AppError('GONE', 'The file is no longer stored');
  return new Uint8Array(await new Response(object.body).arrayBuffer());
}

export interface ReadableFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  bytes: Uint8Array;
}

/** A clean file of the request's workspace with its bytes (at most MAX_FILE_BYTES), for anyone who may read files. */
export async function readCleanFile(gateway: TenantGateway, storage: Storage | undefined, publicId: string): Promise<ReadableFile> {
  const files = requireStorage(storage);
  const { row } = await readFile(gateway, publicId);
  return { id: row.id, name: row.name, contentType: row.contentType, size: row.sizeBytes, bytes: await cleanBytes(files, row) };
}

/** The same for a queue job working in one workspace, as the request role (RLS scopes the row). */
export async function readCleanFileInJob(
  deps: { db: Database; storage: Storage | undefined },
  workspaceId: string,
  fileId: string,
): Promise<ReadableFile> {
  const files = requireStorage(deps.storage);
  const [row] = await system(deps.db, { role: 'app_request', workspace: workspaceId }).query((q) => repo.selectOne(q, fileId));
  if (!row) throw new AppError('NOT_FOUND', 'File not found');
  return { id: row.id, name: row.name, contentType: row.contentType, size: row.sizeBytes, bytes: await cleanBytes(files, row) };
}
