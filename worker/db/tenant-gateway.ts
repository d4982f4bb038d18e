import type { BatchResponse } from 'drizzle-orm/batch';
import { type AdmissionCache, isolateAdmissions } from './admission-cache.ts';
import type { Database, HttpDb, QueryBuilder, Statement } from './client.ts';
import {
  AdmissionChanged,
  type Principal,
  resolvePrincipal,
  runStatements,
  type Scope,
  type Tx,
  tenantRead,
  tenantWriteBatch,
  withTenant,
} from './tenant.ts';
import { TransactionSession } from './transaction-session.ts';

type Runnable = Parameters<HttpDb['batch']>[0][number];

/** An interactive transaction already opened for this request (the idempotency link opens one). */
export interface UnitOfWork {
  tx: Tx;
  scope: Scope;
}

/** The service's permission check on the resolved scope: throws, or returns the workspace id to act in. */
export type Authorize = (scope: Scope) => string;

/** Statements built up front for a batched write, on the handle they will be sent with. */
export type BuildStatements<T> = (db: QueryBuilder, workspaceId: string, scope: Scope) => T;

/**
 * What services use to reach tenant data for one request, always as the request role
 * `app_request` with the context the credential resolves to: `read` is one round trip;
 * `write(authorize, build)` two (one while the admission is remembered), for writes whose
 * statements need no answer in between; `write(fn)` an interactive transaction for the rest. Both
 * writes join the request's unit of work when one is open, so that an idempotency record commits
 * together with the effect it records.
 */
export class TenantGateway {
  /** The database role every call of this gateway runs as. */
  readonly role = 'app_request';

  constructor(
    private readonly db: Database,
    private readonly principal: Principal,
    private readonly unitOfWork: UnitOfWork | null,
    private readonly onResolved: (scope: Scope) => void = () => {},
    private readonly admissions: AdmissionCache = isolateAdmissions,
  ) {}

  async read<Q extends Runnable>(query: (http: HttpDb) => Q): Promise<{ scope: Scope; result: Awaited<Q> }> {
    const read = await this.db.trace('db.read', () => tenantRead(this.db, this.principal, query));
    this.onResolved(read.scope);
    return read;
  }

  /** A write as a list of statements built up front, batched: see `#writeBatch`. */
  write<T extends readonly [Statement, ...Statement[]]>(authorize: Authorize, build: BuildStatements<T>): Promise<BatchResponse<T>>;
  /** A write that reads before it decides: an interactive transaction, the credential resolved first. */
  write<T>(fn: (tx: Tx, scope: Scope, session: TransactionSession) => Promise<T>): Promise<T>;
  write<T, S extends readonly [Statement, ...Statement[]]>(
    fnOrAuthorize: ((tx: Tx, scope: Scope, session: TransactionSession) => Promise<T>) | Authorize,
    build?: BuildStatements<S>,
  ): Promise<T | BatchResponse<S>> {
    if (build) return this.#writeBatch(fnOrAuthorize as Authorize, build);
    return this.#interactive(fnOrAuthorize as (tx: Tx, scope: Scope, session: TransactionSession) => Promise<T>);
  }

  #interactive<T>(fn: (tx: Tx, scope: Scope, session: TransactionSession) => Promise<T>): Promise<T> {
    const unit = this.unitOfWork;
    if (unit) return fn(unit.tx, unit.scope, new TransactionSession(unit.tx));
    return this.db.trace('db.transaction', () =>
      withTenant(this.db, this.principal, (tx, scope) => {
        this.onResolved(scope);
        return fn(tx, scope, new TransactionSession(tx));
      }),
    );
  }

  /**
   * A write as a list of statements built up front (docs/decisions/002-one-round-trip.md): the
   * credential check, `authorize`, then the statements in one non-interactive transaction that
   * first re-checks the admission. The check is skipped when this isolate admitted the same
   * credential in the same workspace moments ago (`AdmissionCache`): one round trip then. Should
   * the admission have changed since, the write is made again as an interactive transaction,
   * which decides afresh.
   */
  async #writeBatch<T extends readonly [Statement, ...Statement[]]>(
    authorize: Authorize,
    build: BuildStatements<T>,
  ): Promise<BatchResponse<T>> {
    const unit = this.unitOfWork;
    if (unit) return runStatements(build(unit.tx, authorize(unit.scope), unit.scope));
    try {
      return await this.db.trace('db.batch_write', async () => {
        const { scope, workspaceId } = await this.#admit(authorize);
        const results = await tenantWriteBatch(this.db, this.principal, scope, workspaceId, build(this.db.http, workspaceId, scope));
        this.admissions.set(this.principal, scope);
        return results;
      });
    } catch (error) {
      if (!(error instanceof AdmissionChanged)) throw error;
      this.admissions.delete(this.principal);
      return this.#interactive((tx, scope) => runStatements(build(tx, authorize(scope), scope)));
    }
  }

  /** A remembered admission when `authorize` accepts it; otherwise the credential check, decided afresh. */
  async #admit(authorize: Authorize): Promise<{ scope: Scope; workspaceId: string }> {
    const remembered = this.admissions.get(this.principal);
    if (remembered) {
      const workspaceId = admittedOn(remembered, authorize);
      if (workspaceId) {
        this.onResolved(remembered);
        return { scope: remembered, workspaceId };
      }
    }
    const scope = await this.resolve();
    return { scope, workspaceId: authorize(scope) };
  }

  protected async resolve(): Promise<Scope> {
    const scope = await resolvePrincipal(this.db, this.principal);
    this.onResolved(scope);
    return scope;
  }
}

/** The workspace `authorize` admits `scope` to, or null when it refuses (a refusal is always re-checked). */
function admittedOn(scope: Scope, authorize: Authorize): string | null {
  try {
    return authorize(scope);
  } catch {
    return null;
  }
}
