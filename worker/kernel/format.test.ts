import { describe, expect, it } from 'vitest';
import { formatCount } from './format.ts';

describe('formatCount', () => {
  it('groups thousands as en-US does', () => {
    for (const n of [0, 7, 999, 1_000, 12_345, 50_000, 1_234_567, 1_000_000_000, -4_200]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('drops a fraction rather than rounding it up', () => {
    expect(formatCount(1_999.9)).toBe('1,999');
  });
});
