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
