import type { Database, HttpDb } from './client.ts';
import { type Principal, type Scope, type Tx, tenantRead, withTenant } from './tenant.ts';

type Runnable = Parameters<HttpDb['batch']>[0][number];

/** An interactive transaction already opened for this request (the idempotency link opens one). */
export interface UnitOfWork {
  tx: Tx;
  scope: Scope;
}

/**
 * What services use to reach tenant data for one request: `read` is one round trip, `write` an
 * interactive transaction (joining the request's unit of work when one is open, so that an
 * idempotency record commits together with the effect it records).
 */
export class TenantGateway {
  constructor(
    private readonly db: Database,
    private readonly principal: Principal,
    private readonly unitOfWork: UnitOfWork | null,
    private readonly onResolved: (scope: Scope) => void = () => {},
  ) {}

  async read<Q extends Runnable>(query: (http: HttpDb) => Q): Promise<{ scope: Scope; result: Awaited<Q> }> {
    const read = await this.db.trace('db.read', () => tenantRead(this.db, this.principal, query));
    this.onResolved(read.scope);
    return read;
  }

  write<T>(fn: (tx: Tx, scope: Scope) => Promise<T>): Promise<T> {
    const unit = this.unitOfWork;
    if (unit) return fn(unit.tx, unit.scope);
    return this.db.trace('db.transaction', () =>
      withTenant(this.db, this.principal, (tx, scope) => {
        this.onResolved(scope);
        return fn(tx, scope);
      }),
    );
  }
}
