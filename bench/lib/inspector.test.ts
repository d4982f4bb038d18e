import { describe, expect, it } from 'vitest';
import { busyMsPerRequest, type CpuProfile, typicalGap } from './inspector.ts';

const frame = (id: number, functionName: string) => ({
  id,
  callFrame: { functionName, scriptId: '1', url: functionName === 'work' ? 'index.js' : '', lineNumber: 0, columnNumber: 0 },
});

/** Samples 100 µs apart from t = 1,000 µs: `busy` marks the ones taken while the isolate ran. */
function profileOf(busy: boolean[]): CpuProfile {
  return {
    nodes: [frame(1, '(root)'), frame(2, '(idle)'), frame(3, 'work')] as CpuProfile['nodes'],
    startTime: 1_000,
    endTime: 1_000 + busy.length * 100,
    samples: busy.map((b) => (b ? 3 : 2)),
    timeDeltas: busy.map(() => 100),
  };
}

describe('busyMsPerRequest', () => {
  it('gives each request the running samples from its start until the next request starts', () => {
    // Samples at 1,100 … 2,000 µs; requests start at 1,050, 1,450 and 1,850.
    const profile = profileOf([true, true, false, true, false, true, true, true, false, true]);
    expect(busyMsPerRequest(profile, 100, [1_050, 1_450, 1_850])).toEqual([0.3, 0.3, 0.1]);
  });

  it('leaves out samples taken before the first request and idle samples', () => {
    const profile = profileOf([true, true, true, false, false]);
    expect(busyMsPerRequest(profile, 100, [1_250])).toEqual([0.1]);
  });
});

describe('typicalGap', () => {
  it('is the median gap between consecutive ticks of a run', () => {
    expect(typicalGap([0, 280, 290, 270, 1_200, 285, 2_500, 280], 200)).toBe(280);
  });

  it('does not take the wait between two short bursts for the period', () => {
    // Requests of two bursts of one sample each, 750 µs apart (a binding's round trip), 2 ms between
    // requests, and now and then two ticks in a row: the period is still the 280 µs of those.
    const deltas = [0];
    for (let request = 0; request < 100; request++) deltas.push(request % 4 === 0 ? 280 : 750, 2_000);
    expect(typicalGap(deltas, 200)).toBe(280);
  });

  it('falls back to gaps of up to four intervals when the machine ticks slower than twice the interval', () => {
    expect(typicalGap([0, ...Array.from({ length: 30 }, () => 500)], 200)).toBe(500);
  });
});
