import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder, Tx } from '../../db/gateway.ts';
import type { __Item__Sort } from './__items__.schema.ts';
import { __itemVar__ } from './__items__.tables.ts';

/** Keyset position: the sort column's value as Postgres prints it, and the id as tie-breaker. */
interface Position {
  value: string;
  id: string;
}

const sortColumns = {
  created_at: { column: __itemVar__.createdAt, cast: sql`timestamptz` },
  name: { column: __itemVar__.name, cast: sql`text` },
} as const;

const __itemVar__Columns = {
  id: __itemVar__.id,
  name: __itemVar__.name,
  description: __itemVar__.description,
  createdAt: __itemVar__.createdAt,
  updatedAt: __itemVar__.updatedAt,
};

/**
 * One page, newest first by default. No `workspace_id` filter is written here: RLS scopes every
 * row to the current workspace.
 */
export function selectPage(db: HttpDb, params: { sort: __Item__Sort; after: Position | null; limit: number }) {
  const descending = params.sort.startsWith('-');
  const { column, cast } = sortColumns[params.sort.replace('-', '') as keyof typeof sortColumns];
  const filters: SQL[] = [isNull(__itemVar__.deletedAt)];
  if (params.after) {
    const op = descending ? sql`<` : sql`>`;
    filters.push(sql`(${column}, ${__itemVar__.id}) ${op} (${params.after.value}::${cast}, ${params.after.id}::uuid)`);
  }
  const order = descending ? [desc(column), desc(__itemVar__.id)] : [asc(column), asc(__itemVar__.id)];
  return db
    .select({ ...__itemVar__Columns, sortValue: sql<string>`${column}::text` })
    .from(__itemVar__)
    .where(and(...filters))
    .orderBy(...order)
    .limit(params.limit + 1);
}

export const selectOne = (db: HttpDb, id: string) =>
  db
    .select(__itemVar__Columns)
    .from(__itemVar__)
    .where(and(eq(__itemVar__.id, id), isNull(__itemVar__.deletedAt)));

export const insert__Item__ = (db: QueryBuilder, row: typeof __itemVar__.$inferInsert) =>
  db.insert(__itemVar__).values(row).returning(__itemVar__Columns);

export const update__Item__ = (
  db: QueryBuilder,
  id: string,
  patch: Partial<Pick<typeof __itemVar__.$inferInsert, 'name' | 'description'>>,
) =>
  db
    .update(__itemVar__)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(__itemVar__.id, id), isNull(__itemVar__.deletedAt)))
    .returning(__itemVar__Columns);

export async function softDelete__Item__(tx: Tx, id: string) {
  const [deleted] = await tx
    .update(__itemVar__)
    .set({ deletedAt: new Date() })
    .where(and(eq(__itemVar__.id, id), isNull(__itemVar__.deletedAt)))
    .returning({ id: __itemVar__.id });
  return deleted ?? null;
}
