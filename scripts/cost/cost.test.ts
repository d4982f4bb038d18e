import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monthlyCost, workersUsage } from './model.ts';
import { costDoc, costTables, inputs, withCurrentTables } from './render.ts';

describe('the cost model (npm run cost)', () => {
  it('docs/cost.md shows the tables of the current prices, assumptions and bench results', () => {
    const doc = readFileSync(costDoc, 'utf8');
    expect(withCurrentTables(doc, costTables(inputs()))).toBe(doc);
  });

  it('reproduces Cloudflare’s own Workers example: 15 M requests at 7 ms CPU cost $5 + $1.50 + $1.50', () => {
    const { prices } = inputs();
    expect(prices.workers.paidMonthly + workersUsage(prices.workers, 15_000_000, 7)).toBeCloseTo(8, 5);
  });

  it('at no traffic costs the Workers Paid minimum only, and grows with traffic', () => {
    const { prices, assumptions, measured } = inputs();
    const idle = monthlyCost(0, prices, assumptions, measured);
    expect(idle.total).toBe(prices.workers.paidMonthly);
    const totals = assumptions.requestsPerDay.map((n) => monthlyCost(n, prices, assumptions, measured).total);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    // a change in what the bench measured changes the bill
    const heavier = monthlyCost(10_000_000, prices, assumptions, {
      ...measured,
      cpuMs: { ...measured.cpuMs, read: measured.cpuMs.read * 2 },
    });
    expect(heavier.services.Workers).toBeGreaterThan(monthlyCost(10_000_000, prices, assumptions, measured).services.Workers);
  });
});
