import { describe, expect, it } from 'vitest';
import { featureFlags } from '../assembly.ts';
import { defineModule, type FlagDeclaration } from '../module.ts';
import * as registry from '../registry.ts';

const on: FlagDeclaration = { summary: 'A feature', defaults: { development: true, test: true, preview: true, production: true } };
const withFlags = (name: string, flags: Record<string, FlagDeclaration>) => defineModule({ name, flags });

describe('the feature flag catalogue', () => {
  it("holds every registered module's flags by name", () => {
    expect(Object.keys(featureFlags(Object.values(registry)))).toContain('audit.exports');
  });

  it('refuses a name declared by two modules, a name not shaped <module>.<feature>, and a share outside 0–100', () => {
    expect(() => featureFlags([withFlags('one', { 'one.x': on }), withFlags('two', { 'one.x': on })])).toThrow('declared by two modules');
    expect(() => featureFlags([withFlags('one', { Import: on })])).toThrow('<module>.<feature>');
    for (const percent of [-1, 101, 12.5]) {
      const rollout = { ...on, defaults: { ...on.defaults, production: { percent } } };
      expect(() => featureFlags([withFlags('one', { 'one.x': rollout })])).toThrow('whole percentage');
    }
    expect(
      featureFlags([withFlags('one', { 'one.x': { ...on, defaults: { ...on.defaults, production: { percent: 10 } } } })]),
    ).toHaveProperty(['one.x']);
  });
});
