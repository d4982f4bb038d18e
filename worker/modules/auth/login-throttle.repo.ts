import { eq, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/client.ts';
import { loginThrottle } from '../../db/schema.ts';

export const selectLockedUntil = (http: HttpDb, emailHash: string) =>
  http
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(sql`${loginThrottle.emailHash} = ${emailHash} and ${loginThrottle.lockedUntil} > now()`);

/**
 * Counts one failure in the address's current hour (a new hour starts a new count) and, at the
 * `limit`th, locks the address until that hour ends. One statement, so concurrent failures all
 * count. `locked_now` is true only for the failure that set the lock.
 */
export const recordFailure = (http: HttpDb, emailHash: string, limit: number) =>
  http.execute<{ failures: number; locked_until: string | null; locked_now: boolean }>(sql`
    insert into login_throttle as t (email_hash, failures, window_started_at)
    values (${emailHash}, 1, now())
    on conflict (email_hash) do update set
      failures = case when t.window_started_at > now() - interval '1 hour' then t.failures + 1 else 1 end,
      window_started_at = case when t.window_started_at > now() - interval '1 hour' then t.window_started_at else now() end,
      locked_until = case
        when t.window_started_at > now() - interval '1 hour' and t.failures + 1 >= ${limit}
          then coalesce(t.locked_until, t.window_started_at + interval '1 hour')
        when t.window_started_at > now() - interval '1 hour' then t.locked_until
        else null end
    returning failures, locked_until, (failures = ${limit} and locked_until is not null) as locked_now`);

/** A successful log-in or a new password clears the count. */
export const clearFailures = (http: QueryBuilder, emailHash: string) =>
  http.delete(loginThrottle).where(eq(loginThrottle.emailHash, emailHash));
