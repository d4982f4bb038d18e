import type { PGlite } from '@electric-sql/pglite';
import { queryMessage, ReadyForQueryWatcher, syncMessage } from './wire.ts';

export type ClientId = number;

interface Waiter {
  client: ClientId;
  grant: () => void;
  refuse: (error: Error) => void;
}

/**
 * Shares PGlite's single Postgres session between many clients the way a transaction-mode
 * pooler (PgBouncer, Neon's pooler) shares a server connection: a client owns the session from
 * its first message until the backend is idle outside a transaction again, so no other client's
 * messages can land inside its transaction or between its Parse and Sync. Waiting clients are
 * served first come, first served.
 */
export class SessionLock {
  readonly #db: PGlite;
  #owner: ClientId | undefined;
  #waiters: Waiter[] = [];
  #lastClient: ClientId = 0;

  constructor(db: PGlite) {
    this.#db = db;
  }

  /** An id no other client of this lock has. */
  newClient(): ClientId {
    this.#lastClient += 1;
    return this.#lastClient;
  }

  /** Runs protocol messages for `client`, streaming the backend's answer to `onData`. */
  async execute(client: ClientId, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<void> {
    await this.#acquire(client);
    const watcher = new ReadyForQueryWatcher();
    const db = this.#db;
    await db.runExclusive(() =>
      db.execProtocolRawStream(message, {
        onRawData: (data) => {
          watcher.observe(data);
          onData(data);
        },
      }),
    );
    if (watcher.endedIdle && !db.isInTransaction()) this.#release(client);
  }

  /**
   * Called once a client is gone and none of its messages are running or waiting: if it still
   * owned the session, undoes whatever it left half done and hands the session on.
   */
  async abandon(client: ClientId): Promise<void> {
    if (this.#owner !== client) return;
    try {
      await this.#db.runExclusive(() => this.#reset());
    } finally {
      this.#release(client);
    }
  }

  /** Turns away every waiting client, for when the database goes away. */
  refuseAll(error: Error): void {
    for (const waiter of this.#waiters.splice(0)) waiter.refuse(error);
  }

  // A client can vanish mid-transaction, between Parse and Sync (inside the implicit
  // transaction of an extended-protocol pipeline, which Sync would commit), or while the
  // backend skips messages after an error until the next Sync. ROLLBACK first (ignored in the
  // last case), Sync to leave the extended protocol, then ROLLBACK again for a transaction
  // block that survived because the first one was skipped.
  async #reset(): Promise<void> {
    const db = this.#db;
    await db.execProtocolRaw(queryMessage('ROLLBACK'));
    await db.execProtocolRaw(syncMessage);
    if (db.isInTransaction()) await db.execProtocolRaw(queryMessage('ROLLBACK'));
  }

  #acquire(client: ClientId): Promise<void> {
    if (this.#owner === undefined) this.#owner = client;
    if (this.#owner === client) return Promise.resolve();
    return new Promise((grant, refuse) => {
      this.#waiters.push({ client, grant, refuse });
    });
  }

  #release(client: ClientId): void {
    if (this.#owner !== client) return;
    const next = this.#waiters.shift();
    this.#owner = next?.client;
    next?.grant();
  }
}
