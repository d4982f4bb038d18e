import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/client.ts';
import { emailToken, session, user } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

export type EmailTokenPurpose = (typeof emailToken.$inferInsert)['purpose'];

/** The account behind an address, as the email flows need it. */
export const selectUserByEmail = (http: HttpDb, email: string) =>
  http
    .select({ id: user.id, email: user.email, name: user.name, emailVerifiedAt: user.emailVerifiedAt })
    .from(user)
    .where(and(eq(user.email, email), isNull(user.deletedAt)));

export const insertEmailToken = (db: HttpDb | Tx, row: typeof emailToken.$inferInsert) => db.insert(emailToken).values(row);

/** A live token's owner and address, without spending it (to check a new password against the address first). */
export const selectLiveToken = (http: HttpDb, purpose: EmailTokenPurpose, tokenHash: string) =>
  http
    .select({ userId: emailToken.userId, email: emailToken.email })
    .from(emailToken)
    .innerJoin(user, and(eq(user.id, emailToken.userId), eq(user.email, emailToken.email), isNull(user.deletedAt)))
    .where(
      and(
        eq(emailToken.tokenHash, tokenHash),
        eq(emailToken.purpose, purpose),
        isNull(emailToken.usedAt),
        sql`${emailToken.expiresAt} > now()`,
      ),
    );

export type SpentToken = {
  user_id: string;
  email: string;
  name: string;
  created_at: string | Date;
  email_verified_at: string | Date | null;
};

/**
 * Spends a token: one conditional UPDATE, so of two concurrent uses exactly one gets the row. The
 * token counts only for its purpose, while unused and unexpired, and only while its account still
 * has the address it was sent to.
 */
export const spendToken = (http: HttpDb, purpose: EmailTokenPurpose, tokenHash: string) =>
  http.execute<SpentToken>(sql`
    update email_token t set used_at = now()
      from "user" u
     where t.token_hash = ${tokenHash} and t.purpose = ${purpose} and t.used_at is null and t.expires_at > now()
       and u.id = t.user_id and u.email = t.email and u.deleted_at is null
    returning t.user_id, u.email, u.name, u.created_at, u.email_verified_at`);

/** Spends a verification token and marks its address verified, in one statement. */
export const spendVerificationToken = (http: HttpDb, tokenHash: string) =>
  http.execute<{ id: string; email: string }>(sql`
    with spent as (
      update email_token t set used_at = now()
        from "user" u
       where t.token_hash = ${tokenHash} and t.purpose = 'verify_email' and t.used_at is null and t.expires_at > now()
         and u.id = t.user_id and u.email = t.email and u.deleted_at is null
      returning t.user_id, t.email)
    update "user" u set email_verified_at = coalesce(u.email_verified_at, now()), updated_at = now()
      from spent where u.id = spent.user_id and u.email = spent.email
    returning u.id, u.email`);

/**
 * Spends a reset token, sets the new password hash and ends every session of the account, in one
 * statement: either all of it happens or none.
 */
export const spendResetToken = (tx: Tx, tokenHash: string, passwordHash: string) =>
  tx.execute<{ id: string; email: string; sessions_ended: number }>(sql`
    with spent as (
      update email_token t set used_at = now()
        from "user" u
       where t.token_hash = ${tokenHash} and t.purpose = 'password_reset' and t.used_at is null and t.expires_at > now()
         and u.id = t.user_id and u.email = t.email and u.deleted_at is null
      returning t.user_id),
    changed as (
      update "user" u set password_hash = ${passwordHash}, updated_at = now()
        from spent where u.id = spent.user_id
      returning u.id, u.email),
    ended as (
      update session s set revoked_at = now()
        from changed where s.user_id = changed.id and s.revoked_at is null
      returning s.id)
    select changed.id, changed.email, (select count(*) from ended)::int as sessions_ended from changed`);

/** Other unused tokens of the same purpose stop working once one of them has been used. */
export const retireTokens = (http: QueryBuilder, userId: string, purpose: EmailTokenPurpose) =>
  http
    .update(emailToken)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailToken.userId, userId), eq(emailToken.purpose, purpose), isNull(emailToken.usedAt)));

/** Marks the address verified when it is still the account's address (a magic link proves it too). */
export const markEmailVerified = (http: HttpDb, userId: string, email: string) =>
  http
    .update(user)
    .set({ emailVerifiedAt: sql`coalesce(${user.emailVerifiedAt}, now())` })
    .where(and(eq(user.id, userId), eq(user.email, email)));

/** The signed-in person's password hash (under the request role, RLS shows only their own row). */
export const selectOwnPasswordHash = (http: HttpDb) =>
  http
    .select({ id: user.id, email: user.email, passwordHash: user.passwordHash })
    .from(user)
    .where(sql`${user.id} = nullif(current_setting('app.user_id', true), '')::uuid`);

export const updatePassword = (http: HttpDb, userId: string, passwordHash: string) =>
  http.update(user).set({ passwordHash, updatedAt: new Date() }).where(eq(user.id, userId));

/** Ends every live session of the person except the one asking. */
export const revokeOtherSessions = (http: HttpDb, userId: string, keepSessionId: string) =>
  http
    .update(session)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(session.userId, userId), sql`${session.id} <> ${keepSessionId}`, isNull(session.revokedAt)))
    .returning({ id: session.id });
