import type { SQL } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { Database, HttpDb } from './client.ts';
import { setContext } from './context.ts';
import { switchToRequestRole, type Tx } from './tenant.ts';
import { type LookupKey, SystemSession } from './transaction-session.ts';

type Runnable = Parameters<HttpDb['batch']>[0][number];

/**
 * Who a system job is to the database. `owner` is the connection's own role: it bypasses nothing
 * on tables that force RLS, but reaches identity tables (sign-up, log-in) and every row of the
 * housekeeping tables. `app_request` is the role requests run as, bound by every policy, with the
 * context the job names instead of one taken from a credential.
 */
export interface SystemContext {
  role: 'owner' | 'app_request';
  /** `app.workspace_id`: the workspace whose rows the tenant policies open (SQL: computed in the same statement). */
  workspace?: string | SQL;
  /** `app.user_id`: the person whose own rows the policies open and whom audit entries name. */
  person?: string;
  /** Settings single look-up policies read (an invite's token hash, an SSO domain, a purge cut-off). */
  lookup?: Partial<Record<LookupKey, string | SQL>>;
}

/**
 * Work with no tenant principal behind it: sign-up and log-in, cron and queue jobs, account-wide
 * erasure. The caller states the role and the context it needs; the gateway sets them first.
 */
export function system(db: Database, context: { role: 'owner' }): OwnerJob;
export function system(db: Database, context: SystemContext): SystemJob;
export function system(db: Database, context: SystemContext): SystemJob {
  const plainOwner = context.role === 'owner' && !context.workspace && !context.person && !context.lookup;
  return plainOwner ? new OwnerJob(db, context) : new SystemJob(db, context);
}

export class SystemJob {
  constructor(
    private readonly db: Database,
    private readonly context: SystemContext,
  ) {}

  /** One statement in one HTTP round trip; the context, when there is one, travels with it in the same batch. */
  async query<Q extends Runnable>(build: (q: HttpDb) => Q): Promise<Awaited<Q>> {
    const http = this.db.http;
    const head = this.#head(http);
    const built = build(http);
    if (head.length === 0) return (await built) as Awaited<Q>;
    // Reached only by a cast: a statement already sent has run without the context.
    if (built instanceof Promise) throw new Error('A system query that sets a context takes one unexecuted statement');
    const results = await http.batch([...head, built] as unknown as [Runnable, ...Runnable[]]);
    return results[head.length] as Awaited<Q>;
  }

  /** Statements built up front, in one non-interactive transaction: one HTTP round trip, results in order. */
  async batch<T extends readonly [Runnable, ...Runnable[]]>(build: (q: HttpDb) => T): Promise<BatchResponse<T>> {
    const http = this.db.http;
    const head = this.#head(http);
    const results = await http.batch([...head, ...build(http)] as unknown as [Runnable, ...Runnable[]]);
    return results.slice(head.length) as BatchResponse<T>;
  }

  /** An interactive transaction (a WebSocket session), for work that reads before it decides. */
  interactive<T>(fn: (tx: Tx, session: SystemSession) => Promise<T>): Promise<T> {
    return this.db.pool.transaction(async (tx) => {
      for (const statement of this.#context()) await tx.execute(statement);
      return fn(tx, new SystemSession(tx, this.context.role));
    });
  }

  #head(http: HttpDb): Runnable[] {
    return this.#context().map((statement) => http.execute(statement));
  }

  /** The statements that put the transaction in the stated role and context, role first. */
  #context(): SQL[] {
    const { role, workspace, person, lookup = {} } = this.context;
    const statements: SQL[] = role === 'app_request' ? [switchToRequestRole] : [];
    for (const [key, value] of Object.entries(lookup) as Array<[LookupKey, string | SQL]>) statements.push(setContext(key, value));
    if (person !== undefined) statements.push(setContext('user_id', person));
    if (workspace !== undefined) statements.push(setContext('workspace_id', workspace));
    return statements;
  }
}

/**
 * The owner role with no context to set: nothing needs to travel with the statement, so `build`
 * may also be a repo function that sends its one statement itself and shapes the rows.
 */
class OwnerJob extends SystemJob {
  override query<Q extends Runnable | Promise<unknown>>(build: (q: HttpDb) => Q): Promise<Awaited<Q>> {
    return super.query(build as (q: HttpDb) => Runnable) as Promise<Awaited<Q>>;
  }
}
