import { signToken, verifyToken } from './crypto.ts';
import { AppError } from './errors.ts';

/**
 * Opaque, tamper-proof pagination cursors: the keyset position plus the query it belongs to,
 * HMAC-signed with the app secret. A cursor used with another sort or filter is refused.
 */
export async function encodeCursor(secret: string, query: string, position: { value: string; id: string }) {
  return signToken(secret, JSON.stringify({ q: query, v: position.value, i: position.id }));
}

export async function decodeCursor(secret: string, query: string, cursor: string) {
  const payload = await verifyToken(secret, cursor);
  if (payload === null) throw new AppError('INVALID_CURSOR', 'The cursor is invalid');
  // Signed with the app secret but not necessarily by encodeCursor: read it as untrusted JSON.
  let parsed: { q?: unknown; v?: unknown; i?: unknown } | null;
  try {
    parsed = JSON.parse(payload);
  } catch {
    parsed = null;
  }
  if (typeof parsed !== 'object' || parsed === null) throw new AppError('INVALID_CURSOR', 'The cursor is invalid');
  if (parsed.q !== query || typeof parsed.v !== 'string' || typeof parsed.i !== 'string') {
    throw new AppError('INVALID_CURSOR', 'The cursor belongs to another query');
  }
  return { value: parsed.v, id: parsed.i };
}

/** Where a keyset page starts: after this sort value, with the row id as the tie-breaker. */
export interface Position {
  value: string;
  id: string;
}

/** The position a request continues after: null for the first page, refused when the cursor is bad. */
export async function pagePosition(secret: string, query: string, cursor: string | undefined): Promise<Position | null> {
  return cursor ? decodeCursor(secret, query, cursor) : null;
}

/**
 * The page a keyset query answered: it reads `limit + 1` rows, so one more than the page says a
 * next page exists, and its cursor continues after the last row shown.
 */
export async function cursorPage<Row, Item>(
  rows: Row[],
  page: { secret: string; query: string; limit: number; position: (row: Row) => Position },
  toItem: (row: Row) => Item,
) {
  const hasMore = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    items: shown.map(toItem),
    next_cursor: hasMore && last ? await encodeCursor(page.secret, page.query, page.position(last)) : null,
    has_more: hasMore,
  };
}
