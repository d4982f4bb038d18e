import { signToken, verifyToken } from '../../kernel/crypto.ts';

/** Who turns what off: one kind's email for one person in one workspace, and nothing else. */
export interface Unsubscribe {
  workspaceId: string;
  personId: string;
  kind: string;
}

// Marks the token's purpose, so no other token signed with the app secret (a cursor, an OAuth state) reads as one.
const PURPOSE = 'notification-unsubscribe';

/** The signed one-click address of RFC 8058: `List-Unsubscribe` and the footer link. */
export async function unsubscribeUrl(secret: string, appOrigin: string, target: Unsubscribe): Promise<string> {
  const token = await signToken(secret, JSON.stringify({ p: PURPOSE, w: target.workspaceId, u: target.personId, k: target.kind }));
  return new URL(`/unsubscribe?token=${encodeURIComponent(token)}`, appOrigin).href;
}

/** The target of a token made by `unsubscribeUrl`, or null for anything else (altered, truncated, another purpose). */
export async function readUnsubscribeToken(secret: string, token: string): Promise<Unsubscribe | null> {
  if (token.length > 1024) return null;
  const text = await verifyToken(secret, token);
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const { p, w, u, k } = (parsed ?? {}) as Record<string, unknown>;
  if (p !== PURPOSE || typeof w !== 'string' || typeof u !== 'string' || typeof k !== 'string') return null;
  return { workspaceId: w, personId: u, kind: k };
}
