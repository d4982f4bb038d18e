import { AppError } from './errors.ts';

/** An object as read back from storage: its bytes as a stream, its media type and its size in bytes. */
export interface StoredObject {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  size: number;
}

/**
 * The object-storage seam. Implementation: R2 (`adapters/storage/r2.ts`, binding `FILES`). Keys are
 * chosen by the caller and already scoped (e.g. `audit-exports/<workspace_id>/<export_id>.ndjson`);
 * storage knows nothing of tenants, so callers check access before they name a key.
 *
 * `put` accepts a stream of unknown length, so a large object can be written without holding it in
 * memory; writing a key again replaces the object.
 */
export interface Storage {
  put(key: string, body: ReadableStream<Uint8Array> | string, options: { contentType: string }): Promise<void>;
  get(key: string): Promise<StoredObject | null>;
  /** What storage knows of an object without reading it; `sha256` (hex) when it was uploaded with that checksum. */
  head(key: string): Promise<ObjectHead | null>;
  delete(key: string): Promise<void>;
  /** Deletes every object whose key starts with `prefix` (which must end in `/`); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
}

export interface ObjectHead {
  size: number;
  contentType: string | null;
  sha256: string | null;
}

/**
 * Presigned requests against the object store's S3-compatible API, so that file bytes go between
 * the browser and storage and never through the Worker. Implementation: `adapters/storage/r2-presigner.ts`.
 */
export interface ObjectUrls {
  /**
   * A PUT the client may send once, before `expiresInSeconds`: the content type, the exact length
   * and the body's SHA-256 are signed, so storage itself refuses any other.
   */
  presignPut(input: {
    key: string;
    contentType: string;
    size: number;
    sha256Hex: string;
    expiresInSeconds: number;
  }): Promise<PresignedRequest>;
  /** A GET of the object, with the response's `Content-Type` and `Content-Disposition` fixed by the signature. */
  presignGet(input: { key: string; contentType: string; contentDisposition: string; expiresInSeconds: number }): Promise<PresignedRequest>;
}

export interface PresignedRequest {
  method: 'PUT' | 'GET';
  url: string;
  /** Headers the client must send exactly as given (the signature covers them). */
  headers: Record<string, string>;
  expiresAt: Date;
}

/** The storage a feature needs, or 503 when this deployment has none bound. */
export function requireStorage(storage: Storage | undefined): Storage {
  if (!storage) throw new AppError('SERVICE_UNAVAILABLE', 'Object storage is not configured');
  return storage;
}
