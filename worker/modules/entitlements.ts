import { type SQL, sql } from 'drizzle-orm';
import { isLimitReached } from '../db/errors.ts';
import type { QueryBuilder, Statement } from '../db/gateway.ts';
import type { ScopeWorkspace } from '../db/tenant.ts';
import { AppError } from '../kernel/errors.ts';
import { type PlanFeatures, type PlanId, type PlanLimits, planIds, plans } from './billing/billing.plans.ts';

/**
 * What a plan allows (docs/decisions/043-trials-and-entitlements.md), for every module: beside
 * `access.ts`, since the modules it gates are also the ones billing builds on. The plan in force comes with
 * the credential check (`scope.workspace.billing`), so a check costs no round trip; a limit is
 * counted inside the write that would pass it, under a lock, so concurrent writes cannot all slip
 * under it. Every refusal names the plan that unlocks it.
 */
export type Feature = keyof PlanFeatures;
export type LimitName = Exclude<keyof PlanLimits, 'apiRequestsPerMonth'>;

const featureNames: Record<Feature, string> = {
  sso: 'Single sign-on',
  auditLogExport: 'Audit log export',
  prioritySupport: 'Priority support',
};

/** The plan in force in the workspace (free when the credential check named none). */
export function planOf(workspace: ScopeWorkspace | null): PlanId {
  const id = workspace?.billing.plan;
  return id && id in plans ? (id as PlanId) : 'free';
}

/** Refuses with PLAN_REQUIRED, naming the cheapest plan that has the feature, unless the plan has it. */
export function entitled(workspace: ScopeWorkspace | null, feature: Feature): void {
  entitledOn(planOf(workspace), feature);
}

/**
 * `entitled` for a path that learnt the plan without a credential for the workspace (SSO sign-in reads
 * `app_private.workspace_billing`, the credential check's own answer).
 */
export function entitledOn(planId: string, feature: Feature): void {
  const plan = planId in plans ? (planId as PlanId) : 'free';
  if (plans[plan].features[feature]) return;
  const current = plans[plan];
  const unlock = planIds.find((id) => plans[id].features[feature]);
  const name = unlock ? plans[unlock].name : 'a higher';
  throw new AppError('PLAN_REQUIRED', `${featureNames[feature]} needs the ${name} plan; this workspace is on ${current.name}.`, {
    upgrade: { reason: 'feature', feature, ...(unlock ? { plan: unlock } : {}) },
  });
}

const limitWords: Record<LimitName, string> = { members: 'members', projects: 'projects', storageBytes: 'bytes of storage' };

/** The cheapest plan whose limit is above `limit` (or has none). */
function planAbove(name: LimitName, limit: number): PlanId | undefined {
  return planIds.find((id) => {
    const other = plans[id].limits[name];
    return other === null || other > limit;
  });
}

/**
 * The transaction lock every writer of a limit takes first, per workspace and limit; a writer that
 * counts its own room (an import adding many at once) takes it too, so no two writes both fill it.
 */
export const lockLimit = (db: QueryBuilder, name: LimitName, workspaceId: string) =>
  db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`billing-limit:${name}:${workspaceId}`}, 0))`);

/** The plan's limit on `name` in the workspace's current plan; null: none. */
export const limitOf = (workspace: ScopeWorkspace | null, name: LimitName): number | null => plans[planOf(workspace)].limits[name];

export interface LimitCheck {
  /** The plan's limit; null: none. */
  readonly limit: number | null;
  /**
   * For a batched write: the lock, then the count (`used`, evaluated with the workspace in context)
   * against the limit, as two statements to put before the write's own. The batch fails with the
   * database's refusal; `refusal` turns it into LIMIT_REACHED. Without a limit there is nothing to
   * wait for or count: both places hold a statement that does nothing, so that the results of the
   * write's own statements keep their positions.
   */
  statements(db: QueryBuilder, used: SQL<number>): [Statement, Statement];
  /** For an interactive transaction: the same two statements, run (none without a limit); throws LIMIT_REACHED. */
  check(db: QueryBuilder, used: SQL<number>): Promise<void>;
  /** LIMIT_REACHED for the database's refusal; any other error unchanged. */
  refusal(error: unknown): unknown;
}

const nothingToCheck = sql`select null`;

/**
 * The check that adding `adding` of `name` keeps the workspace within its plan's limit. The statements
 * take a transaction lock per workspace and limit, then count in the next statement, which sees
 * whatever the previous holder of the lock committed: ten concurrent invitations against room for one
 * more member make one member.
 */
export function withinLimit(workspace: ScopeWorkspace | null, name: LimitName, adding: number): LimitCheck {
  const plan = planOf(workspace);
  const limit = plans[plan].limits[name];
  const statements = (db: QueryBuilder, used: SQL<number>): [Statement, Statement] =>
    limit === null
      ? [db.execute(nothingToCheck), db.execute(nothingToCheck)]
      : [
          lockLimit(db, name, workspace?.id ?? ''),
          db.execute(sql`select app_private.assert_within_limit(${name}, (${used})::bigint, ${adding}::bigint, ${limit}::bigint)`),
        ];
  const refusal = (error: unknown): unknown => {
    if (!isLimitReached(error) || limit === null) return error;
    const unlock = planAbove(name, limit);
    const upgrade = unlock ? ` The ${plans[unlock].name} plan allows ${plans[unlock].limits[name] ?? 'unlimited'}.` : '';
    return new AppError('LIMIT_REACHED', `The ${plans[plan].name} plan allows ${limit} ${limitWords[name]}.${upgrade}`, {
      upgrade: { reason: 'limit', limit: name, ...(unlock ? { plan: unlock } : {}) },
      cause: error,
    });
  };
  return {
    limit,
    statements,
    async check(db, used) {
      if (limit === null) return;
      try {
        for (const statement of statements(db, used)) await statement;
      } catch (error) {
        throw refusal(error);
      }
    },
    refusal,
  };
}

/** The plan limit that counts each metered metric (`kernel/meter.ts`). */
const meteredLimits = { api_requests: 'apiRequestsPerMonth' } as const satisfies Record<string, keyof PlanLimits>;

/**
 * Whether a month's metered usage has reached the plan's limit, and the cheapest plan that allows
 * more: the roll-up stores the answer, and the credential check refuses API keys with it.
 */
export function meteredLimit(
  planId: string,
  metric: keyof typeof meteredLimits,
  used: number,
): { reached: boolean; unlockPlan: PlanId | null } {
  const plan = planId in plans ? (planId as PlanId) : 'free';
  const name = meteredLimits[metric];
  const limit = plans[plan].limits[name];
  if (limit === null || used < limit) return { reached: false, unlockPlan: null };
  const unlock = planIds.find((id) => {
    const other = plans[id].limits[name];
    return other === null || other > used;
  });
  return { reached: true, unlockPlan: unlock ?? null };
}
