import { describe, it } from 'vitest';

/**
 * A suite that needs something the machine may lack. Where `missing` says what is missing, the suite
 * is reported as one skipped test carrying that reason, and none of its hooks run.
 */
export function describeWith(missing: string | null, name: string, suite: () => void) {
  if (missing === null) return describe(name, suite);
  return describe(name, () => {
    it('needs a service this machine lacks', (ctx) => ctx.skip(missing));
  });
}
