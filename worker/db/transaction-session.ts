import { sql } from 'drizzle-orm';
import { type ContextKey, setContext } from './context.ts';
import { type Principal, resolveIn, type Scope, type Tx } from './tenant.ts';

/** The settings a single policy reads to open one row to a look-up (not the tenant or the person). */
export type LookupKey = Exclude<ContextKey, 'workspace_id' | 'user_id'>;

/**
 * What an interactive transaction opened by the gateway may change about itself, besides running
 * statements on its `tx`: the RLS context (transaction-local, `db/context.ts`) and savepoints.
 */
export class TransactionSession {
  constructor(protected readonly tx: Tx) {}

  /** Points `app.workspace_id` at a workspace (null: none, for account-level rows), e.g. one this transaction is creating. */
  async enterWorkspace(workspaceId: string | null): Promise<void> {
    await this.tx.execute(setContext('workspace_id', workspaceId ?? ''));
  }

  /** Sets `app.user_id`: the person whose own rows the policies open, and whom audit entries name. */
  async actAsPerson(userId: string): Promise<void> {
    await this.tx.execute(setContext('user_id', userId));
  }

  /** Sets (or, with null, clears) the one setting a look-up policy reads, such as an invite's token hash. */
  async setLookup(key: LookupKey, value: string | null): Promise<void> {
    await this.tx.execute(setContext(key, value ?? ''));
  }

  /** A savepoint: `fn`'s statements roll back alone when it throws, and the transaction goes on. */
  savepoint<T>(fn: (sp: Tx) => Promise<T>): Promise<T> {
    return this.tx.transaction(fn);
  }
}

/** A system job's transaction, which may also stand on a presented credential (account-wide work for its person). */
export class SystemSession extends TransactionSession {
  constructor(
    tx: Tx,
    private readonly role: 'owner' | 'app_request',
  ) {
    super(tx);
  }

  /**
   * Checks the credential (which sets `app.user_id`) and returns to the job's role: only a live
   * credential gets past here, and the work after it still runs as the role the job named.
   */
  async resolveCredential(principal: Principal): Promise<Scope> {
    const scope = await resolveIn(this.tx, principal);
    if (this.role === 'owner') await this.tx.execute(sql`reset role`);
    return scope;
  }
}
