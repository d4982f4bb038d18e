/**
 * The plans, as plain data: the worker, the web app and the marketing site import this one file, and
 * `npm run billing:sync` makes Stripe's products and prices match it. No server imports here.
 * Prices are in the currency's smallest unit (cents).
 */

export type PlanId = 'free' | 'pro' | 'team';
export type BillingInterval = 'month' | 'year';

export interface PlanPrice {
  readonly amount: number;
  readonly currency: 'usd';
}

export interface PlanFeatures {
  readonly sso: boolean;
  readonly auditLogExport: boolean;
  readonly prioritySupport: boolean;
}

export interface PlanLimits {
  /** Active members of the workspace; null: no limit. */
  readonly members: number | null;
  readonly projects: number | null;
  /** API requests made with API keys, per calendar month. */
  readonly apiRequestsPerMonth: number | null;
  /** Bytes of files stored (uploads announced, scanned or not; quarantined ones are deleted), in decimal units: 1 GB is 10⁹ bytes, as the app writes sizes. */
  readonly storageBytes: number | null;
}

export interface Plan {
  readonly id: PlanId;
  readonly name: string;
  readonly description: string;
  /** Null for a plan that is never sold (free). */
  readonly prices: { readonly month: PlanPrice; readonly year: PlanPrice } | null;
  /** Priced per active member (the subscription's quantity follows the seats). */
  readonly perSeat: boolean;
  readonly trialDays: number;
  readonly features: PlanFeatures;
  readonly limits: PlanLimits;
}

export const plans = {
  free: {
    id: 'free',
    name: 'Free',
    description: 'For trying things out on your own.',
    prices: null,
    perSeat: false,
    trialDays: 0,
    features: { sso: false, auditLogExport: false, prioritySupport: false },
    limits: { members: 3, projects: 3, apiRequestsPerMonth: 10_000, storageBytes: 1_000_000_000 },
  },
  pro: {
    id: 'pro',
    name: 'Pro',
    description: 'For a small team shipping a product.',
    prices: { month: { amount: 2_900, currency: 'usd' }, year: { amount: 29_000, currency: 'usd' } },
    perSeat: false,
    trialDays: 14,
    features: { sso: false, auditLogExport: true, prioritySupport: false },
    limits: { members: 10, projects: 50, apiRequestsPerMonth: 1_000_000, storageBytes: 100_000_000_000 },
  },
  team: {
    id: 'team',
    name: 'Team',
    description: 'For organisations that need single sign-on, priced per member.',
    prices: { month: { amount: 1_200, currency: 'usd' }, year: { amount: 12_000, currency: 'usd' } },
    perSeat: true,
    trialDays: 14,
    features: { sso: true, auditLogExport: true, prioritySupport: true },
    limits: { members: null, projects: null, apiRequestsPerMonth: 10_000_000, storageBytes: 1_000_000_000_000 },
  },
} as const satisfies Record<PlanId, Plan>;

export const planIds = Object.keys(plans) as PlanId[];

/** The plans that can be bought (they have prices). */
export const paidPlanIds = planIds.filter((id) => plans[id].prices !== null) as Exclude<PlanId, 'free'>[];

export type PaidPlanId = Exclude<PlanId, 'free'>;

/** Stripe's product of a plan is found by this id's metadata; its prices by their lookup keys. */
export function stripeLookupKey(plan: PaidPlanId, interval: BillingInterval): string {
  return `${plan}_${interval}ly`;
}

/** The plan and interval a lookup key names, or null for a price that is not ours. */
export function planFromLookupKey(key: string): { plan: PaidPlanId; interval: BillingInterval } | null {
  for (const plan of paidPlanIds) {
    for (const interval of ['month', 'year'] as const) {
      if (stripeLookupKey(plan, interval) === key) return { plan, interval };
    }
  }
  return null;
}

/**
 * The free trial every new workspace starts with: the top plan, so that everything can be tried, for
 * its trial days, no card asked; one extension can be taken. When it ends without a subscription the
 * workspace is read-only until a plan is chosen.
 */
export const trial = { plan: 'team', days: plans.team.trialDays, extensionDays: 7 } as const satisfies {
  plan: PaidPlanId;
  days: number;
  extensionDays: number;
};
