import { describe, expect, it } from 'vitest';
import { paidPlanIds, planFromLookupKey, plans, stripeLookupKey } from './billing.plans.ts';

describe('plans', () => {
  it('gives every paid plan and interval its own lookup key, read back to the same plan', () => {
    const keys = paidPlanIds.flatMap((plan) =>
      (['month', 'year'] as const).map((interval) => ({ plan, interval, key: stripeLookupKey(plan, interval) })),
    );
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
    for (const { plan, interval, key } of keys) expect(planFromLookupKey(key)).toEqual({ plan, interval });
    expect(planFromLookupKey('someone_elses_price')).toBeNull();
  });

  it('sells only the plans with prices, and a year costs less than twelve months', () => {
    expect(paidPlanIds).toEqual(['pro', 'team']);
    for (const id of paidPlanIds) {
      const prices = plans[id].prices;
      expect(prices.year.amount).toBeLessThan(prices.month.amount * 12);
    }
  });
});
