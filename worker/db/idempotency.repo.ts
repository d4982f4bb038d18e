import { and, eq, gt } from 'drizzle-orm';
import { idempotencyKey } from './schema.ts';
import type { Tx } from './tenant.ts';

export interface IdempotencyId {
  workspaceId: string;
  actorId: string;
  route: string;
  key: string;
}

export async function findLive(tx: Tx, id: IdempotencyId) {
  const rows = await tx
    .select({
      requestHash: idempotencyKey.requestHash,
      statusCode: idempotencyKey.statusCode,
      responseBody: idempotencyKey.responseBody,
    })
    .from(idempotencyKey)
    .where(
      and(
        eq(idempotencyKey.workspaceId, id.workspaceId),
        eq(idempotencyKey.actorId, id.actorId),
        eq(idempotencyKey.route, id.route),
        eq(idempotencyKey.key, id.key),
        gt(idempotencyKey.expiresAt, new Date()),
      ),
    );
  return rows[0] ?? null;
}

export async function store(
  tx: Tx,
  row: IdempotencyId & { requestHash: string; statusCode: number; responseBody: string; expiresAt: Date },
) {
  // An expired row under the same key is replaced: its 24 hours are over.
  await tx
    .insert(idempotencyKey)
    .values(row)
    .onConflictDoUpdate({
      target: [idempotencyKey.workspaceId, idempotencyKey.actorId, idempotencyKey.route, idempotencyKey.key],
      set: {
        requestHash: row.requestHash,
        statusCode: row.statusCode,
        responseBody: row.responseBody,
        expiresAt: row.expiresAt,
        createdAt: new Date(),
      },
    });
}
