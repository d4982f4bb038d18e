/**
 * The one way from modules, queues and Durable Objects to the data (docs/decisions/033-one-way-to-the-data.md).
 * Three calls, each running as the role it names:
 *
 *   tenant read    gateway.read(query)                 app_request, context from the request's credential
 *   tenant write   gateway.write(fn)                   app_request, same; interactive transaction
 *                  gateway.write(authorize, build)     app_request, same; batched, one round trip when admitted
 *   system job     system(db, { role, … })             the role and context the caller states:
 *                    .query(build) / .batch(build)     one HTTP round trip
 *                    .interactive(fn)                  interactive transaction
 *
 * Services get the tenant gateway from their handler (`tenantGateway(c)`); `npm run lint` refuses
 * `db.http`, `db.pool`, `.transaction(` and imports of other `worker/db` files (types aside) outside `worker/db`.
 */
export { Database } from './client.ts';
export type { HttpDb, QueryBuilder, Statement } from './client.ts';
export { type SystemContext, system } from './system.ts';
export { purgeDateOf, type Principal, type Scope, type Tx, WORKSPACE_GRACE_DAYS } from './tenant.ts';
export { TenantGateway } from './tenant-gateway.ts';
export type { TransactionSession } from './transaction-session.ts';
