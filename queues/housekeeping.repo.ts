import { sql } from 'drizzle-orm';
import { type Database, system } from '../worker/db/gateway.ts';

/**
 * Deletes every expired idempotency key, across all workspaces, in one HTTP round trip.
 *
 * `idempotency_key` is FORCE RLS, so on Neon even the owner connection sees no row without a
 * workspace context, and a `WHERE expires_at < now()` reads columns, which needs a SELECT policy as
 * well as the DELETE one. The statement therefore runs as the request role, which can never bypass
 * RLS (the catalog test holds it to that), and carries no WHERE: the `idempotency_key_purge_expired`
 * policy alone admits the rows, and with no workspace set it admits expired rows only.
 */
export async function purgeExpiredIdempotencyKeys(db: Database): Promise<number> {
  const deleted = await system(db, { role: 'app_request' }).query((q) => q.execute(sql`delete from idempotency_key`));
  return deleted.rowCount ?? 0;
}

/**
 * Deletes every pending invite that expired more than 30 days ago, across all workspaces, in one
 * HTTP round trip. `invite` is FORCE RLS, so, as for idempotency keys, the statement runs as the
 * request role and carries no WHERE: the `invite_purge_long_expired` policy alone admits the rows,
 * and `invite_delete_only_long_expired` keeps any other delete from reaching one. A resent invite
 * has a new expiry, and accepted or revoked ones are never deleted.
 */
export async function purgeLongExpiredInvites(db: Database): Promise<number> {
  const deleted = await system(db, { role: 'app_request' }).query((q) => q.execute(sql`delete from invite`));
  return deleted.rowCount ?? 0;
}

/**
 * Deletes sessions that expired or were revoked more than `retentionDays` ago. `session` has RLS
 * enabled but not forced, so the owner connection reaches every row. Running it twice deletes
 * nothing the second time.
 */
export async function purgeStaleSessions(db: Database, retentionDays: number): Promise<number> {
  const cutoff = sql`now() - make_interval(days => ${retentionDays}::int)`;
  const result = await system(db, { role: 'owner' }).query((q) =>
    q.execute(sql`delete from session where expires_at < ${cutoff} or revoked_at < ${cutoff}`),
  );
  return result.rowCount ?? 0;
}

/**
 * How long a row of sign-in state is kept once it can no longer do anything. Every reader checks
 * liveness in SQL (`expires_at > now()`), so a dead row answers exactly like a missing one; the hour
 * only keeps the purge clear of a request whose transaction began before the row expired.
 */
export const signInStateGrace = '1 hour';

/** What `purgeDeadSignInState` removed, by table. */
export type SignInStatePurged = {
  sign_in_challenges: number;
  webauthn_challenges: number;
  email_tokens: number;
  login_throttles: number;
};

/**
 * Deletes short-lived sign-in state that has been dead for longer than `signInStateGrace`, in one
 * HTTP round trip (a batch is one transaction):
 *
 * - `sign_in_challenge` (pending second factor, 5 minutes) and `webauthn_challenge` (5 minutes)
 *   past `expires_at`;
 * - `email_token` (verification, reset, magic link, email change; 15 minutes to 24 hours) past
 *   `expires_at`. A spent token is dead sooner, but never lives longer than its own lifetime past
 *   that, and one index on `expires_at` finds every dead row;
 * - `login_throttle` rows whose hour is over (`window_started_at` + 1 hour, the window of
 *   `worker/modules/auth/login-throttle.repo.ts`): the next failure would restart the count at 1
 *   either way. A lock still in force is never deleted, whatever the window says.
 *
 * None of these tables forces RLS and none has a policy for the job, so the owner connection
 * reaches every row. Running it twice deletes nothing the second time.
 */
export async function purgeDeadSignInState(db: Database): Promise<SignInStatePurged> {
  const cutoff = sql`now() - ${signInStateGrace}::interval`;
  const [challenges, webauthn, emailTokens, throttles] = await system(db, { role: 'owner' }).batch(
    (q) =>
      [
        q.execute(sql`delete from sign_in_challenge where expires_at < ${cutoff}`),
        q.execute(sql`delete from webauthn_challenge where expires_at < ${cutoff}`),
        q.execute(sql`delete from email_token where expires_at < ${cutoff}`),
        q.execute(
          sql`delete from login_throttle
           where window_started_at < ${cutoff} - interval '1 hour'
             and (locked_until is null or locked_until < ${cutoff})`,
        ),
      ] as const,
  );
  return {
    sign_in_challenges: challenges.rowCount ?? 0,
    webauthn_challenges: webauthn.rowCount ?? 0,
    email_tokens: emailTokens.rowCount ?? 0,
    login_throttles: throttles.rowCount ?? 0,
  };
}

/** What `purgeDeadTokens` removed, by table. */
export type TokensPurged = {
  token_families: number;
  refresh_tokens: number;
  personal_access_tokens: number;
};

/**
 * Deletes token families (with their refresh tokens) and personal access tokens that expired or
 * were revoked more than `retentionDays` ago, in one HTTP round trip (a batch is one transaction).
 *
 * A live family keeps every spent refresh token: presenting one again is how a copied token is
 * caught (docs/decisions/019). Once the family is dead no token of it works, and presenting a spent
 * one only adds a `token.refresh_reused` audit entry; the retention keeps that signal, and the
 * rows for looking into an incident, as long as dead sessions are kept. After it, such a token is
 * an unknown one: the same INVALID_GRANT, without the entry. Refresh tokens are deleted first, by
 * family, only so the run can count them; the family's cascade would take them anyway.
 *
 * These tables have RLS enabled but not forced, so the owner connection reaches every row.
 * Running it twice deletes nothing the second time.
 */
export async function purgeDeadTokens(db: Database, retentionDays: number): Promise<TokensPurged> {
  const cutoff = sql`now() - make_interval(days => ${retentionDays}::int)`;
  const deadFamilies = sql`select id from token_family where expires_at < ${cutoff} or revoked_at < ${cutoff}`;
  const [refresh, families, pats] = await system(db, { role: 'owner' }).batch(
    (q) =>
      [
        q.execute(sql`delete from refresh_token where family_id in (${deadFamilies})`),
        q.execute(sql`delete from token_family where id in (${deadFamilies})`),
        q.execute(sql`delete from personal_access_token where expires_at < ${cutoff} or revoked_at < ${cutoff}`),
      ] as const,
  );
  return {
    token_families: families.rowCount ?? 0,
    refresh_tokens: refresh.rowCount ?? 0,
    personal_access_tokens: pats.rowCount ?? 0,
  };
}

/** What `purgeJobLog` removed, by table. */
export type JobLogPurged = {
  job_runs: number;
  dead_letters: number;
};

/**
 * Deletes job runs that ended more than `runRetentionDays` ago and dead letters stored more than
 * `deadLetterRetentionDays` ago, in one HTTP round trip (a batch is one transaction). A run that
 * never finished (its worker died) counts from its start. Both tables belong to no workspace and
 * have no policy: the owner connection reaches every row. Running it twice deletes nothing the
 * second time.
 */
export async function purgeJobLog(
  db: Database,
  retention: { runRetentionDays: number; deadLetterRetentionDays: number },
): Promise<JobLogPurged> {
  const daysAgo = (days: number) => sql`now() - make_interval(days => ${days}::int)`;
  const [runs, deadLetters] = await system(db, { role: 'owner' }).batch(
    (q) =>
      [
        q.execute(sql`delete from job_run where coalesce(finished_at, started_at) < ${daysAgo(retention.runRetentionDays)}`),
        q.execute(sql`delete from job_dead_letter where failed_at < ${daysAgo(retention.deadLetterRetentionDays)}`),
      ] as const,
  );
  return { job_runs: runs.rowCount ?? 0, dead_letters: deadLetters.rowCount ?? 0 };
}
