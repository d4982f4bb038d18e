/**
 * The monthly bill per service at a given number of requests a day, from the providers' published
 * prices (prices.json), the founder's assumptions (assumptions.json) and what the bench measured
 * per request (bench/results.json: Worker CPU milliseconds and database round trips).
 */
export type Prices = typeof import('./prices.json');
export type Assumptions = typeof import('./assumptions.json');

/** What one request of each kind costs in the Worker and the database, as the bench measured it. */
export interface Measured {
  date: string;
  commit: string;
  cpuMs: { read: number; write: number; health: number; logIn: number };
  roundTrips: { read: number; write: number };
}

interface Scenario {
  id: string;
  workerCpuMsPerReq: number;
  db: { roundTripsPerReq: number } | null;
}
interface BenchResults {
  date: string;
  git: { commit: string };
  scenarios: Scenario[];
  login: { cpuMsPerReq: number };
}

export function measuredFrom(results: BenchResults): Measured {
  const scenario = (id: string) => {
    const found = results.scenarios.find((s) => s.id === id);
    if (!found) throw new Error(`bench/results.json has no scenario ${id}`);
    return found;
  };
  return {
    date: results.date.slice(0, 10),
    commit: results.git.commit.slice(0, 7),
    cpuMs: {
      read: scenario('c').workerCpuMsPerReq,
      write: scenario('d').workerCpuMsPerReq,
      health: scenario('b').workerCpuMsPerReq,
      logIn: results.login.cpuMsPerReq,
    },
    roundTrips: { read: scenario('c').db?.roundTripsPerReq ?? 0, write: scenario('d').db?.roundTripsPerReq ?? 0 },
  };
}

const over = (used: number, included: number) => Math.max(0, used - included);
const cents = (dollars: number) => Math.round(dollars * 100) / 100;

/** The Workers Paid plan's usage charge (requests and CPU beyond what it includes), without its $5. */
export function workersUsage(prices: Prices['workers'], requestsPerMonth: number, cpuMsPerRequest: number): number {
  return (
    (over(requestsPerMonth, prices.includedRequests) / 1e6) * prices.perMillionRequests +
    (over(requestsPerMonth * cpuMsPerRequest, prices.includedCpuMs) / 1e6) * prices.perMillionCpuMs
  );
}

export interface MonthlyCost {
  requestsPerDay: number;
  services: Record<'Workers' | 'Durable Objects' | 'Queues' | 'R2' | 'Neon' | 'Upstash' | 'Mail (Resend)', number>;
  total: number;
  /** Per service, the numbers behind the charge, for the doc's table. */
  usage: Record<string, string>;
}

export function monthlyCost(requestsPerDay: number, prices: Prices, assumptions: Assumptions, measured: Measured): MonthlyCost {
  const month = assumptions.daysPerMonth;
  const { mix } = assumptions;
  const requests = requestsPerDay * month;
  const apiShare = mix.read + mix.write + mix.logIn;
  const cpuPerRequest =
    mix.read * measured.cpuMs.read +
    mix.write * measured.cpuMs.write +
    mix.health * measured.cpuMs.health +
    mix.logIn * measured.cpuMs.logIn;
  const invocations = requests + assumptions.cronInvocationsPerDay * month;

  // Durable Objects: only when a founder puts every API request through a Durable Object limiter (ADR 047 keeps them off it).
  const doRequests =
    assumptions.rateLimiter === 'durable-object' ? requests * apiShare * assumptions.durableObjectRequestsPerApiRequest : 0;
  const doGbSeconds = doRequests * (assumptions.durableObjectActiveMsPerRequest / 1000) * prices.durableObjects.memoryGb;
  const durableObjects =
    (over(doRequests, prices.durableObjects.includedRequests) / 1e6) * prices.durableObjects.perMillionRequests +
    (over(doGbSeconds, prices.durableObjects.includedGbSeconds) / 1e6) * prices.durableObjects.perMillionGbSeconds;

  // Queues: the outbox's messages per write plus one per cron job enqueued (every cron run enqueues its jobs).
  const messages = requests * mix.write * assumptions.queueMessagesPerWrite + (assumptions.cronInvocationsPerDay - 1440) * month;
  const queueOps = messages * prices.queues.operationsPerMessage;
  const queues = (over(queueOps, prices.queues.includedOperations) / 1e6) * prices.queues.perMillionOperations;

  const r2Stored = (requestsPerDay / 1e6) * assumptions.r2.storedGbPerMillionDailyRequests;
  const classA = (requests / 1000) * assumptions.r2.uploadsPerThousandRequests;
  const classB = (requests / 1000) * assumptions.r2.downloadsPerThousandRequests;
  const r2 =
    over(r2Stored, prices.r2.includedGbMonth) * prices.r2.perGbMonth +
    (over(classA, prices.r2.includedClassA) / 1e6) * prices.r2.perMillionClassA +
    (over(classB, prices.r2.includedClassB) / 1e6) * prices.r2.perMillionClassB;

  // Neon: the compute scales to zero after 5 idle minutes; any steady traffic keeps it awake all day,
  // sized by the round trips it must answer per second.
  const roundTripsPerSecond =
    (requestsPerDay * (mix.read * measured.roundTrips.read + (mix.write + mix.logIn) * measured.roundTrips.write)) / 86400;
  const cu = Math.max(
    assumptions.neon.minimumCu,
    Math.ceil((roundTripsPerSecond / assumptions.neon.databaseRoundTripsPerCuSecond) * 4) / 4,
  );
  const cuHours = requestsPerDay > 0 ? cu * 24 * month : 0;
  const neonStored = Math.max(assumptions.neon.minimumStoredGb, (requestsPerDay / 1e6) * assumptions.neon.storedGbPerMillionDailyRequests);
  const neonFree = cuHours <= prices.neon.freeCuHoursPerProject && neonStored <= prices.neon.freeStorageGb && cu <= prices.neon.freeMaxCu;
  const neon = neonFree
    ? 0
    : Math.max(prices.neon.launchMinimumMonthly, cuHours * prices.neon.perCuHour + neonStored * prices.neon.perGbMonth);

  // Upstash: only when it is the rate limiter's backend (two commands per check).
  const commands = assumptions.rateLimiter === 'upstash' ? requests * apiShare * 2 : 0;
  const upstash = (over(commands, prices.upstash.freeCommandsPerMonth) / 1e5) * prices.upstash.perHundredThousandCommands;

  const mails = (requests / 1000) * assumptions.mailsPerThousandRequests;
  const { resend } = prices;
  const mail =
    mails <= resend.freeEmailsPerMonth && mails / month <= resend.freeEmailsPerDay
      ? 0
      : mails <= resend.proEmails
        ? resend.proMonthly
        : Math.min(
            resend.proMonthly + Math.ceil(over(mails, resend.proEmails) / 1000) * resend.overagePerThousand,
            resend.scaleMonthly + Math.ceil(over(mails, resend.scaleEmails) / 1000) * resend.overagePerThousand,
          );

  const workers = prices.workers.paidMonthly + workersUsage(prices.workers, invocations, cpuPerRequest);
  const services = {
    Workers: cents(workers),
    'Durable Objects': cents(durableObjects),
    Queues: cents(queues),
    R2: cents(r2),
    Neon: cents(neon),
    Upstash: cents(upstash),
    'Mail (Resend)': cents(mail),
  };
  const round = (n: number) => Intl.NumberFormat('en-US', { maximumFractionDigits: n < 10 ? 2 : 0 }).format(n);
  return {
    requestsPerDay,
    services,
    total: cents(Object.values(services).reduce((a, b) => a + b, 0)),
    usage: {
      Workers: `${round(invocations / 1e6)} M invocations, ${round((invocations * cpuPerRequest) / 1e6)} M CPU ms`,
      'Durable Objects': `${round(doRequests / 1e6)} M requests, ${round(doGbSeconds / 1000)} k GB-s`,
      Queues: `${round(queueOps / 1e6)} M operations`,
      R2: `${round(r2Stored)} GB, ${round(classA / 1e6)} M class A, ${round(classB / 1e6)} M class B`,
      Neon: `${cu} CU × ${round(cuHours)} h, ${round(neonStored)} GB${neonFree ? ' (Free plan)' : ''}`,
      Upstash: `${round(commands / 1e6)} M commands`,
      'Mail (Resend)': `${round(mails)} mails`,
    },
  };
}
