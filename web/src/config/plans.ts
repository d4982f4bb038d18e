import { type PaidPlanId, paidPlanIds, type PlanId, plans } from '../../../worker/modules/billing/billing.plans.ts';

/**
 * The plans as the worker and the marketing site know them: one file (worker/modules/billing/billing.plans.ts,
 * plain data), read here for names, prices and what each plan allows.
 */
export { paidPlanIds, plans, type PaidPlanId, type PlanId };

export const isPlanId = (id: string): id is PlanId => id in plans;

/** A plan's display name; an id the app does not know is shown as it is. */
export const planName = (id: string) => (isPlanId(id) ? plans[id].name : id);

/** An amount in cents as money, in the app's locale. */
export const formatMoney = (cents: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
