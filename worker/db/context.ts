import { type SQL, sql } from 'drizzle-orm';

/**
 * The only place that writes the settings row-level security policies read (`app.*`). Each is
 * transaction-local (`set_config(…, true)`): it ends at commit or rollback, so a pooled connection
 * never carries one request's context into the next. `npm run lint` refuses a write anywhere else.
 *
 *   workspace_id        the tenant every tenant-table policy compares with
 *   user_id             the person identity tables and self policies compare with
 *   invite_token_hash   lets an invitation link find its one invite (policy invite_lookup_by_token)
 *   sso_domain          lets SSO sign-in find a verified domain (policy sso_domain_lookup_verified)
 *   purge_before        the cut-off the purge policies let a job delete up to
 *   digest_before       the cut-off up to which the digest job finds notifications waiting for a digest
 *   operator_slug       lets an operator's script find the one live workspace it names (policy workspace_operator_read)
 */
export type ContextKey =
  | 'workspace_id'
  | 'user_id'
  | 'invite_token_hash'
  | 'sso_domain'
  | 'purge_before'
  | 'digest_before'
  | 'operator_slug';

/** `select set_config('app.<key>', <value>, true)`; the value may be SQL computed in the same statement. */
export function setContext(key: ContextKey, value: string | SQL): SQL {
  return sql`select set_config(${sql.raw(`'app.${key}'`)}, ${value}, true)`;
}

/** The same statement as text with one `$1` parameter, for clients that take SQL text (pg, the Neon `sql.query`). */
export const setContextText = (key: ContextKey): string => `select set_config('app.${key}', $1, true)`;
