import type { Database } from '../worker/db/client.ts';
import { requireStorage, type Storage } from '../worker/kernel/storage.ts';

/** One kind of export whose rows name objects in storage (audit exports, personal exports). */
export interface ExportKind<Row extends { id: string }> {
  selectDue(db: Database, limit: number): Promise<Row[]>;
  objectKey(row: Row): string;
  /** Deletes those of `ids` still due, and says how many went. */
  deleteRows(db: Database, ids: string[]): Promise<number>;
}

/** Exports of each kind handled per run; the next run picks up the rest. */
const EXPORT_PURGE_BATCH = 500;

/**
 * Deletes due exports of one kind: their objects first, then their rows. A run that stops between
 * the two leaves rows that the next run finds and finishes, never an object no row names. Deleting
 * an object that is already gone is no error, so running it twice is harmless.
 */
export async function purgeExports<Row extends { id: string }>(
  deps: { db: Database; storage: Storage | undefined },
  kind: ExportKind<Row>,
): Promise<number> {
  const due = await kind.selectDue(deps.db, EXPORT_PURGE_BATCH);
  if (due.length === 0) return 0;
  const storage = requireStorage(deps.storage);
  for (const row of due) await storage.delete(kind.objectKey(row));
  return kind.deleteRows(
    deps.db,
    due.map((row) => row.id),
  );
}

/** A module's kind of export that `exports.purge` clears, named by its key in the job's result. */
export interface ExpiringExports {
  readonly name: string;
  purge(deps: { db: Database; storage: Storage | undefined }): Promise<number>;
}

/** @example expiringExports('audit_exports', auditExportPurge), in the module's manifest. */
export function expiringExports<Row extends { id: string }>(name: string, kind: ExportKind<Row>): ExpiringExports {
  return Object.freeze({ name, purge: (deps: { db: Database; storage: Storage | undefined }) => purgeExports(deps, kind) });
}
