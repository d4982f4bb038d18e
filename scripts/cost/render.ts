import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Assumptions, type Measured, measuredFrom, monthlyCost, type Prices } from './model.ts';

const root = join(import.meta.dirname, '../..');
export const costDoc = join(root, 'docs/cost.md');
const begin = '<!-- cost:begin (npm run cost writes this part from scripts/cost/ and bench/results.json) -->';
const end = '<!-- cost:end -->';

const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

export function inputs(): { prices: Prices; assumptions: Assumptions; measured: Measured } {
  return {
    prices: readJson('scripts/cost/prices.json'),
    assumptions: readJson('scripts/cost/assumptions.json'),
    measured: measuredFrom(readJson('bench/results.json')),
  };
}

const dollars = (n: number) => (n === 0 ? '$0' : `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
const perDay = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

export function costTables({ prices, assumptions, measured }: ReturnType<typeof inputs>): string {
  const costs = assumptions.requestsPerDay.map((n) => monthlyCost(n, prices, assumptions, measured));
  const header = `| Service | ${costs.map((c) => `${perDay(c.requestsPerDay)} req/day`).join(' | ')} |\n|---|${costs.map(() => '---:').join('|')}|`;
  const services = Object.keys(costs[0]?.services ?? {}) as Array<keyof (typeof costs)[number]['services']>;
  const rows = services.map((service) => `| ${service} | ${costs.map((c) => dollars(c.services[service])).join(' | ')} |`);
  const total = `| **Total per month** | ${costs.map((c) => `**${dollars(c.total)}**`).join(' | ')} |`;
  const usage = services.map((service) => `| ${service} | ${costs.map((c) => c.usage[service]).join(' | ')} |`);
  const m = measured;
  return [
    begin,
    '',
    `Measured by the bench on ${m.date} (commit ${m.commit}): Worker CPU per request ${m.cpuMs.read.toFixed(1)} ms (list, scenario c),`,
    `${m.cpuMs.write.toFixed(1)} ms (create, d), ${m.cpuMs.health.toFixed(1)} ms (health, b), ${m.cpuMs.logIn} ms (log-in, with its password hash);`,
    `database round trips per request ${m.roundTrips.read} (c) and ${m.roundTrips.write} (d). Prices read ${prices.read}.`,
    '',
    header,
    ...rows,
    total,
    '',
    'What each charge is made of:',
    '',
    header,
    ...usage,
    '',
    end,
  ].join('\n');
}

/** The doc with its generated part replaced by the current tables. */
export function withCurrentTables(doc: string, tables: string): string {
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`docs/cost.md lacks the markers ${begin} … ${end}`);
  return `${doc.slice(0, from)}${tables}${doc.slice(to + end.length)}`;
}
