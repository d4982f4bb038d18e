import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Position } from '../kernel/cursor.ts';

/**
 * Keyset pagination for repos: a list is ordered by one sort value and the row id as tie-breaker,
 * and a page continues strictly after the position the cursor carried. The sort value travels as
 * the text Postgres prints for it (`sortValue`) and is cast back with `type`, so a timestamp keeps
 * its microseconds.
 */
export interface Keyset {
  value: AnyColumn | SQL;
  id: AnyColumn | SQL;
  type: 'timestamptz' | 'text';
  direction: 'asc' | 'desc';
}

/** The value the next cursor is built from, selected beside the row. */
export const sortValue = (keyset: Keyset) => sql<string>`(${keyset.value})::text`;

/** Rows after the position, or every row (`true`) for the first page. */
export function after(keyset: Keyset, position: Position | null): SQL {
  if (!position) return sql`true`;
  const op = keyset.direction === 'desc' ? sql`<` : sql`>`;
  return sql`(${keyset.value}, ${keyset.id}) ${op} (${position.value}::${sql.raw(keyset.type)}, ${position.id}::uuid)`;
}

/** The order the positions follow; use with `.orderBy(...)` or inside raw SQL. */
export function keysetOrder(keyset: Keyset): SQL {
  const direction = sql.raw(keyset.direction);
  return sql`${keyset.value} ${direction}, ${keyset.id} ${direction}`;
}
