import { sql } from 'drizzle-orm';
import { currentUserId, oauthAccount, passkey, user } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { AppError } from '../kernel/errors.ts';

/**
 * The guard around removing a way to sign in (unlinking an identity, removing a passkey): a
 * password, a linked identity and a passkey each let the person back in on their own, and the last
 * one is never removed. In the write transaction: `lockSignInMethods` before reading what to
 * remove, the delete, then `assertSignInMethodLeft`, whose refusal rolls the delete back.
 */
export async function lockSignInMethods(tx: Tx, userId: string): Promise<void> {
  // Two removals at once must not both see the other method still there.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in-methods:${userId}`}, 0))`);
}

export async function assertSignInMethodLeft(tx: Tx, removing: 'identity' | 'passkey'): Promise<void> {
  // Under the request role RLS shows a person only their own rows.
  const [own] = await tx
    .select({
      hasPassword: sql<boolean>`${user.passwordHash} is not null`,
      identities: sql<number>`(select count(*)::int from ${oauthAccount})`,
      passkeys: sql<number>`(select count(*)::int from ${passkey})`,
    })
    .from(user)
    .where(sql`${user.id} = ${currentUserId}`);
  if (!own?.hasPassword && Number(own?.identities ?? 0) === 0 && Number(own?.passkeys ?? 0) === 0) {
    const advice =
      removing === 'identity' ? 'set a password, add a passkey or link another provider first' : 'set a password or link a provider first';
    throw new AppError('LAST_SIGN_IN_METHOD', `This is your only way to sign in; ${advice}`);
  }
}
