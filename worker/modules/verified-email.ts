import { eq } from 'drizzle-orm';
import { user } from '../db/schema.ts';
import type { Scope, Tx } from '../db/tenant.ts';
import { AppError } from '../kernel/errors.ts';

/**
 * The guard in front of what needs a proven address (API keys today; billing and invitations use
 * it too): a signed-in person whose email is not verified gets `EMAIL_NOT_VERIFIED` (403), and
 * the web app answers that code with a prompt to confirm the address. An API key passes: only a
 * person with a verified address makes one, and it stops when they stop being a member. Call it inside the write transaction, before the write.
 *
 * @example
 * return gateway.write(async (tx, scope) => {
 *   const workspaceId = assertCan(scope, 'api_key:create');
 *   await requireVerifiedEmail(tx, scope);
 *   …
 * });
 */
export async function requireVerifiedEmail(tx: Tx, scope: Scope): Promise<void> {
  if (scope.actor.type !== 'user') return;
  // Under the request role RLS shows a person only their own row.
  const [own] = await tx.select({ verifiedAt: user.emailVerifiedAt }).from(user).where(eq(user.id, scope.actor.userId));
  if (!own?.verifiedAt) {
    throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your email address first: we sent you a link, and you can ask for a new one.');
  }
}
