import { eq } from 'drizzle-orm';
import { session } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/** When this session last proved who the person is (a log-in or a password confirmation). */
export async function selectReauthenticatedAt(tx: Tx, sessionId: string) {
  const [row] = await tx.select({ at: session.reauthenticatedAt }).from(session).where(eq(session.id, sessionId));
  return row?.at ?? null;
}
