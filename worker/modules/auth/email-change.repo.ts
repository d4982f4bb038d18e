import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { emailToken, session, tokenFamily, user } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/** The signed-in person's row (under the request role, RLS shows only their own). */
export const selectOwnAccount = (tx: Tx) =>
  tx
    .select({ id: user.id, email: user.email, name: user.name, passwordHash: user.passwordHash })
    .from(user)
    .where(sql`${user.id} = nullif(current_setting('app.user_id', true), '')::uuid`);

/** Whether any account, live or erased, holds the address (the unique index covers them all). */
export const selectAddressHolder = (http: HttpDb, email: string) => http.select({ id: user.id }).from(user).where(eq(user.email, email));

/** A newer request supersedes the older ones: their links stop working. */
export const retireEmailChangeTokens = (http: HttpDb, userId: string) =>
  http
    .update(emailToken)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailToken.userId, userId), eq(emailToken.purpose, 'email_change'), isNull(emailToken.usedAt)));

export type SpentEmailChange = { user_id: string; new_email: string; old_email: string };

/**
 * Spends an email-change token: one conditional UPDATE, so of two concurrent uses one gets the
 * row. The token's address is the new one; it counts while unused, unexpired and the account live.
 */
export const spendEmailChangeToken = (tx: Tx, tokenHash: string) =>
  tx.execute<SpentEmailChange>(sql`
    update email_token t set used_at = now()
      from "user" u
     where t.token_hash = ${tokenHash} and t.purpose = 'email_change' and t.used_at is null and t.expires_at > now()
       and u.id = t.user_id and u.deleted_at is null and u.disabled_at is null
    returning t.user_id, t.email as new_email, u.email as old_email`);

/** The new address, proven by the link that was mailed to it. */
export const setVerifiedEmail = (tx: Tx, userId: string, email: string) =>
  tx.update(user).set({ email, emailVerifiedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(user.id, userId));

/** Ends every live session of the person but the one (if any) confirming from the same browser. */
export const revokeSessionsExcept = (tx: Tx, userId: string, keepTokenHash: string | null) =>
  tx
    .update(session)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(session.userId, userId),
        isNull(session.revokedAt),
        keepTokenHash === null ? undefined : sql`${session.tokenHash} <> ${keepTokenHash}`,
      ),
    )
    .returning({ id: session.id });

export const revokeTokenFamilies = (tx: Tx, userId: string, reason: string) =>
  tx
    .update(tokenFamily)
    .set({ revokedAt: sql`now()`, revokeReason: reason })
    .where(and(eq(tokenFamily.userId, userId), isNull(tokenFamily.revokedAt)))
    .returning({ id: tokenFamily.id });

/** Every open mailed link of the person (verification, reset, magic link, other changes) stops working. */
export const retireAllEmailTokens = (tx: Tx, userId: string) =>
  tx
    .update(emailToken)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailToken.userId, userId), isNull(emailToken.usedAt)));
