import { type SQL, sql } from 'drizzle-orm';
import type { Actor, Role } from '../kernel/actor.ts';
import type { PresentedCredential } from '../kernel/credential.ts';
import { AppError } from '../kernel/errors.ts';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { Database, HttpDb, PoolDb, Statement } from './client.ts';
import { isAdmissionChanged, rethrowAccountDisabled } from './errors.ts';

export type Tx = Parameters<Parameters<PoolDb['transaction']>[0]>[0];

/**
 * What a request means to do in its workspace, decided once by the tenant link from the method:
 * `read` works in a suspended workspace, `write` does not, and `restore` is the one thing allowed in a
 * deleted one. `billing` (choosing a plan, extending the trial) is a write that still works once the
 * trial has ended, so that the workspace can be paid for; a suspension refuses it like any write.
 * Absent means `write`, the strictest.
 */
export type WorkspaceAccess = 'read' | 'write' | 'restore' | 'billing';

/**
 * Where the workspace stands with billing (docs/decisions/043-trials-and-entitlements.md): paying,
 * on its trial, its trial over without ever subscribing (read-only), or on the free plan.
 */
export type BillingState = 'subscribed' | 'past_due' | 'trialing' | 'trial_ended' | 'free';

/** The plan in force and the trial, read by the credential check in the same statement. */
export interface WorkspaceBilling {
  /** A plan id of `billing.plans.ts`. */
  plan: string;
  state: BillingState;
  trialEndsAt: Date | null;
  trialExtended: boolean;
  /**
   * The metered limit the roll-up found reached this month (`api_requests`), and the cheapest plan
   * above it; null while within every limit (docs/decisions/057-metering.md).
   */
  usageLimitReached: { metric: string; unlockPlan: string | null } | null;
}

/** A credential as presented (hash only) and the workspace the path names, both not yet checked. */
export interface Principal {
  credential: PresentedCredential;
  workspace: { id: string | null; slug: string | null; access?: WorkspaceAccess } | null;
}

/** Where the request acts, with the lifecycle state the credential check read along with it. */
export interface ScopeWorkspace {
  id: string;
  slug: string;
  deletedAt: Date | null;
  suspendedAt: Date | null;
  billing: WorkspaceBilling;
  /**
   * The interest-bound event consumers that want this workspace's events (webhooks while an endpoint
   * is live), as the credential check read them: the outbox queues an event only for these
   * (docs/decisions/054-events-by-workspace-interest.md).
   */
  eventConsumers: readonly string[];
}

/** What the database said about the principal: who it is and, for tenant routes, where. */
export interface Scope {
  actor: Actor;
  userId: string | null;
  workspace: ScopeWorkspace | null;
}

/** A deleted workspace is kept this long, restorable by an owner, before the purge job removes it. */
export const WORKSPACE_GRACE_DAYS = 30;
const dayMs = 86_400_000;

export const purgeDateOf = (deletedAt: Date) => new Date(deletedAt.getTime() + WORKSPACE_GRACE_DAYS * dayMs);

interface ResolvedRow {
  user_id: string | null;
  session_id: string | null;
  api_key_id: string | null;
  workspace_id: string | null;
  workspace_slug: string | null;
  role: Role | null;
  workspace_deleted_at: Date | string | null;
  workspace_suspended_at: Date | string | null;
  plan: string | null;
  billing_state: BillingState | null;
  trial_ends_at: Date | string | null;
  trial_extended: boolean | null;
  event_consumers: string[] | null;
  usage_limit_reached: string | null;
  usage_unlock_plan: string | null;
}

const resolveCredentialCall = (p: Principal): SQL =>
  sql`app_private.resolve_credential(${p.credential.kind}, ${p.credential.tokenHash}, ${p.workspace?.id ?? null}::uuid, ${p.workspace?.slug ?? null})`;

const resolveCredential = (p: Principal): SQL => sql`select * from ${resolveCredentialCall(p)}`;

/** From here on the transaction runs as a role that RLS binds (not owner, superuser or BYPASSRLS). */
export const switchToRequestRole = sql`set local role app_request`;

/**
 * For an interactive transaction: the credential check and the switch to the request role in one
 * statement, one round trip fewer on every write. `set_config('role', …, true)` is `SET LOCAL ROLE`,
 * evaluated for the resolved row; when the credential resolves to nothing there is no row and no
 * switch, and the caller throws before anything else runs in the transaction. (A batch cannot rely on
 * that, since its later statements run regardless, so `tenantRead` keeps the switch apart.)
 */
const resolveCredentialAsRequestRole = (p: Principal): SQL =>
  sql`select r.*, set_config('role', 'app_request', true) as request_role from ${resolveCredentialCall(p)} r`;

const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/**
 * The lifecycle rule of every tenant route, in one place: a deleted workspace answers
 * WORKSPACE_DELETED to everything but restoring; a suspended one refuses writes.
 */
function assertLifecycle(workspace: ScopeWorkspace, access: WorkspaceAccess): void {
  if (workspace.deletedAt && access !== 'restore') {
    throw new AppError(
      'WORKSPACE_DELETED',
      `This workspace was deleted. An owner can restore it until ${purgeDateOf(workspace.deletedAt).toISOString()}; after that it is removed for good.`,
    );
  }
  if (workspace.suspendedAt && (access === 'write' || access === 'billing')) {
    throw new AppError('WORKSPACE_SUSPENDED', 'This workspace is suspended and read-only: reading works, changes are refused.');
  }
  if (workspace.billing.state === 'trial_ended' && access === 'write') {
    throw new AppError(
      'TRIAL_ENDED',
      'The free trial has ended: this workspace is read-only until an owner chooses a plan (POST …/billing/checkout). Reading works and nothing was deleted.',
      { upgrade: { reason: 'trial_ended' } },
    );
  }
}

/**
 * API keys are what is metered (`api_requests`): once the month's roll-up found the plan's limit
 * reached, a key's requests are refused until the month ends or the plan changes. People signed in
 * keep working, so an owner can upgrade.
 */
function refuseOverMeteredLimit(billing: WorkspaceBilling): void {
  const reached = billing.usageLimitReached;
  if (!reached) return;
  throw new AppError('LIMIT_REACHED', `This workspace has used this month's ${reached.metric.replaceAll('_', ' ')} on its plan.`, {
    upgrade: { reason: 'limit', limit: reached.metric, ...(reached.unlockPlan ? { plan: reached.unlockPlan } : {}) },
  });
}

function toScope(principal: Principal, row: ResolvedRow | undefined): Scope {
  if (!row) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
  if (principal.workspace && !row.workspace_id) throw new AppError('NOT_FOUND', 'Workspace not found');
  const workspace: ScopeWorkspace | null =
    row.workspace_id && row.workspace_slug
      ? {
          id: row.workspace_id,
          slug: row.workspace_slug,
          deletedAt: toDate(row.workspace_deleted_at),
          suspendedAt: toDate(row.workspace_suspended_at),
          billing: {
            plan: row.plan ?? 'free',
            state: row.billing_state ?? 'free',
            trialEndsAt: toDate(row.trial_ends_at),
            trialExtended: row.trial_extended ?? false,
            usageLimitReached: row.usage_limit_reached ? { metric: row.usage_limit_reached, unlockPlan: row.usage_unlock_plan } : null,
          },
          eventConsumers: row.event_consumers ?? [],
        }
      : null;
  if (workspace && principal.workspace) assertLifecycle(workspace, principal.workspace.access ?? 'write');
  if (row.api_key_id) {
    if (!principal.workspace) {
      throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
    }
    if (!workspace || !row.role) throw new AppError('NOT_FOUND', 'Workspace not found');
    if (!row.user_id) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    refuseOverMeteredLimit(workspace.billing);
    return {
      actor: { type: 'api_key', apiKeyId: row.api_key_id, workspaceId: workspace.id, role: row.role, madeBy: row.user_id },
      userId: null,
      workspace,
    };
  }
  if (!row.user_id) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
  return { actor: personActor(principal.credential, row.user_id, row, workspace), userId: row.user_id, workspace };
}

/** A session, an access token and a personal access token all make the same actor: their person. */
function personActor(
  credential: PresentedCredential,
  userId: string,
  row: ResolvedRow,
  workspace: Scope['workspace'],
): Extract<Actor, { type: 'user' }> {
  const person = { type: 'user', userId, workspaceId: workspace?.id ?? null, role: row.role } as const;
  switch (credential.kind) {
    case 'session':
      if (!row.session_id) break;
      return { ...person, sessionId: row.session_id };
    case 'access_token':
      if (credential.subject !== userId) break;
      return { ...person, sessionId: null, via: 'access_token' };
    case 'pat':
      return { ...person, sessionId: null, via: 'pat', scopes: credential.scopes };
    case 'api_key':
      break;
  }
  throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
}

function rowsOf(result: unknown): ResolvedRow[] {
  return (result as { rows: ResolvedRow[] }).rows;
}

type Runnable = Parameters<HttpDb['batch']>[0][number];

/**
 * One HTTP round trip: credential check, membership and role, the RLS context, the role switch and
 * the query itself travel together as one non-interactive transaction.
 */
export async function tenantRead<Q extends Runnable>(
  db: Database,
  principal: Principal,
  query: (http: HttpDb) => Q,
): Promise<{ scope: Scope; result: Awaited<Q> }> {
  const [resolved, , result] = await db.http
    .batch([db.http.execute(resolveCredential(principal)), db.http.execute(switchToRequestRole), query(db.http)] as const)
    .catch(rethrowAccountDisabled);
  return { scope: toScope(principal, rowsOf(resolved)[0]), result: result as Awaited<Q> };
}

/** The credential check alone, in one round trip: who the principal is and, for tenant routes, where. */
export async function resolvePrincipal(db: Database, principal: Principal): Promise<Scope> {
  const resolved = await db.http.execute(resolveCredential(principal)).catch(rethrowAccountDisabled);
  return toScope(principal, rowsOf(resolved)[0]);
}

/** Thrown when a write's admission no longer holds at the head of its transaction; nothing was written. */
export class AdmissionChanged extends Error {
  constructor(cause: unknown) {
    super('The credential, its role or its workspace changed between the check and the write', { cause });
  }
}

const admitWrite = (p: Principal, scope: Scope, workspaceId: string): SQL => {
  const { actor } = scope;
  const actorId = actor.type === 'api_key' ? actor.apiKeyId : actor.type === 'user' ? actor.userId : null;
  const role = actor.type === 'system' ? null : actor.role;
  // Sorted as the credential check sorts them, so that an unchanged interest compares equal.
  const consumers = [...(scope.workspace?.eventConsumers ?? [])].sort().map((name) => sql`${name}`);
  return sql`select app_private.admit_write(${p.credential.kind}, ${p.credential.tokenHash}, ${workspaceId}::uuid, ${actorId}::uuid, ${role}, array[${sql.join(consumers, sql`, `)}]::text[])`;
};

/**
 * A write sent as one non-interactive transaction (one round trip, no WebSocket session), decided on
 * `scope` from an earlier `resolvePrincipal`. `admit_write` repeats that check at the head of the
 * transaction and aborts it unless the same actor still holds the same role in the same live,
 * unsuspended workspace; then the role switch, then the statements (built on `db.http`).
 */
export async function tenantWriteBatch<T extends readonly [Statement, ...Statement[]]>(
  db: Database,
  principal: Principal,
  scope: Scope,
  workspaceId: string,
  statements: T,
): Promise<BatchResponse<T>> {
  const [, , ...results] = await db.http
    .batch([db.http.execute(admitWrite(principal, scope, workspaceId)), db.http.execute(switchToRequestRole), ...statements])
    .catch((error: unknown) => {
      if (isAdmissionChanged(error)) throw new AdmissionChanged(error);
      return rethrowAccountDisabled(error);
    });
  return results as BatchResponse<T>;
}

/** The same statements inside an open interactive transaction, one after another. */
export async function runStatements<T extends readonly Statement[]>(statements: T): Promise<BatchResponse<T>> {
  const results: unknown[] = [];
  for (const statement of statements) results.push(await (statement as unknown as PromiseLike<unknown>));
  return results as BatchResponse<T>;
}

/** An interactive transaction under the request role, opened with the principal resolved. */
export async function withTenant<T>(db: Database, principal: Principal, fn: (tx: Tx, scope: Scope) => Promise<T>): Promise<T> {
  return db.pool.transaction(async (tx) => {
    const scope = await resolveIn(tx, principal);
    return fn(tx, scope);
  });
}

/** Resolves the principal inside an open transaction and switches to the request role. */
export async function resolveIn(tx: Tx, principal: Principal): Promise<Scope> {
  const resolved = await tx.execute(resolveCredentialAsRequestRole(principal)).catch(rethrowAccountDisabled);
  return toScope(principal, rowsOf(resolved)[0]);
}
