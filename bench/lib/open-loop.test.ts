import { describe, expect, it } from 'vitest';
import { type OpenLoopAnswer, recoveryMs, summarizePhase } from './open-loop.ts';

const answer = (dueMs: number, status: number, latencyMs: number, phase: number): OpenLoopAnswer => ({ dueMs, status, latencyMs, phase });

describe('open-loop summaries', () => {
  const answers = [
    answer(0, 200, 10, 0),
    answer(100, 200, 30, 0),
    answer(200, 503, 1, 0),
    answer(300, 0, 5_000, 0),
    answer(1_000, 503, 1, 1),
    answer(2_500, 429, 1, 1),
    answer(4_000, 200, 12, 1),
  ];

  it('counts a phase by status and takes percentiles over its 2xx answers only', () => {
    expect(summarizePhase(answers, 0, 40)).toEqual({
      rate: 40,
      requests: 4,
      ok: 2,
      statuses: { 0: 1, 200: 2, 503: 1 },
      p50Ms: 10,
      p99Ms: 30,
    });
  });

  it('measures recovery to the last refusal due after the surge ended', () => {
    expect(recoveryMs(answers, 1_000)).toBe(1_500);
    expect(recoveryMs(answers, 3_000)).toBe(0);
  });
});
