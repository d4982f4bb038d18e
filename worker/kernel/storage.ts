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
  delete(key: string): Promise<void>;
}

/** The storage a feature needs, or 503 when this deployment has none bound. */
export function requireStorage(storage: Storage | undefined): Storage {
  if (!storage) throw new AppError('SERVICE_UNAVAILABLE', 'Object storage is not configured');
  return storage;
}
