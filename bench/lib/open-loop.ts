/**
 * Open-loop load: requests leave at a fixed rate whatever the answers do, as real traffic does, so
 * a server that falls behind sees its backlog grow instead of slowing the client down. Each
 * latency runs from the moment the request was due, not from when it was sent, so a late send
 * counts against the server (no coordinated omission).
 */
import { type BenchRequest, Client, percentile, sleep } from './load.ts';

export interface OpenLoopPhase {
  /** Requests per second. */
  rate: number;
  durationMs: number;
}

export interface OpenLoopAnswer {
  /** When the request was due, ms from the start of the run. */
  dueMs: number;
  /** 0 when the connection failed. */
  status: number;
  latencyMs: number;
  phase: number;
}

/** Sends each phase's requests at its rate, one phase after another, and waits for every answer. */
export async function openLoop(baseUrl: string, request: () => BenchRequest, phases: OpenLoopPhase[]): Promise<OpenLoopAnswer[]> {
  const client = new Client(baseUrl, 1_024);
  const answers: Array<Promise<OpenLoopAnswer>> = [];
  const start = performance.now();
  let phaseStartMs = 0;
  try {
    for (const [phase, { rate, durationMs }] of phases.entries()) {
      const count = Math.floor((rate * durationMs) / 1000);
      for (let i = 0; i < count; i++) {
        const dueMs = phaseStartMs + (i * 1000) / rate;
        const wait = dueMs - (performance.now() - start);
        if (wait > 1) await sleep(wait);
        answers.push(
          client.send(request()).then(
            (res) => ({ dueMs, status: res.status, latencyMs: performance.now() - start - dueMs, phase }),
            () => ({ dueMs, status: 0, latencyMs: performance.now() - start - dueMs, phase }),
          ),
        );
      }
      phaseStartMs += durationMs;
    }
    return await Promise.all(answers);
  } finally {
    client.close();
  }
}

export interface PhaseSummary {
  rate: number;
  requests: number;
  ok: number;
  /** Answers by status (`0` for a failed connection). */
  statuses: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

export function summarizePhase(answers: OpenLoopAnswer[], phase: number, rate: number): PhaseSummary {
  const mine = answers.filter((a) => a.phase === phase);
  const statuses: Record<string, number> = {};
  for (const a of mine) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const latencies = mine
    .filter((a) => a.status >= 200 && a.status < 300)
    .map((a) => a.latencyMs)
    .sort((x, y) => x - y);
  return {
    rate,
    requests: mine.length,
    ok: latencies.length,
    statuses,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** A phase's answers by status, for a report line: "4585 × 200, 705 × 503". */
export const answersByStatus = (p: PhaseSummary) =>
  Object.entries(p.statuses)
    .map(([status, n]) => `${n} × ${status === '0' ? 'no answer' : status}`)
    .join(', ');

/**
 * How long after `endMs` (the surge's end) the server kept refusing: the due time, past the end, of
 * the last request not answered 2xx (0 when every request due after the end was answered).
 */
export function recoveryMs(answers: OpenLoopAnswer[], endMs: number): number {
  let last = 0;
  for (const a of answers) if (a.dueMs >= endMs && !(a.status >= 200 && a.status < 300)) last = Math.max(last, a.dueMs - endMs);
  return last;
}
