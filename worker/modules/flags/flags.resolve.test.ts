import { describe, expect, it } from 'vitest';
import type { FlagDeclaration } from '../module.ts';
import { isFlagOn, rolloutBucket } from './flags.resolve.ts';

const flag = (production: FlagDeclaration['defaults']['production']): FlagDeclaration => ({
  summary: 'A feature',
  defaults: { development: true, test: false, preview: true, production },
});
const workspaceId = '01900000-0000-7000-8000-000000000002';
const person = '01900000-0000-7000-8000-000000000001';

describe('a flag, resolved', () => {
  it("takes the environment's default without an override", () => {
    expect(isFlagOn('projects.x', flag(false), { appEnv: 'development', workspaceId }, [])).toBe(true);
    expect(isFlagOn('projects.x', flag(false), { appEnv: 'test', workspaceId }, [])).toBe(false);
    expect(isFlagOn('projects.x', flag(true), { appEnv: 'production', workspaceId }, [])).toBe(true);
  });

  it("lets the workspace's override beat the default, and the person's beat the workspace's, for that flag only", () => {
    const target = { appEnv: 'production' as const, workspaceId };
    const workspaceOff = { flag: 'projects.x', personId: null, enabled: false };
    const personOn = { flag: 'projects.x', personId: person, enabled: true };
    const otherFlag = { flag: 'projects.y', personId: person, enabled: false };
    expect(isFlagOn('projects.x', flag(true), target, [workspaceOff])).toBe(false);
    expect(isFlagOn('projects.x', flag(true), target, [workspaceOff, personOn])).toBe(true);
    expect(isFlagOn('projects.x', flag(true), target, [personOn, workspaceOff])).toBe(true);
    expect(isFlagOn('projects.x', flag(false), target, [otherFlag])).toBe(false);
    expect(isFlagOn('projects.x', flag(true), target, [otherFlag])).toBe(true);
  });

  it('turns a percentage on for about that share of workspaces, the same ones every time', () => {
    const workspaces = Array.from({ length: 2000 }, () => crypto.randomUUID());
    const on = (percent: number) =>
      workspaces.filter((id) => isFlagOn('projects.x', flag({ percent }), { appEnv: 'production', workspaceId: id }, []));
    expect(on(0)).toHaveLength(0);
    expect(on(100)).toHaveLength(2000);
    const quarter = on(25);
    expect(quarter.length).toBeGreaterThan(400);
    expect(quarter.length).toBeLessThan(600);
    expect(on(25)).toEqual(quarter);
    // Widening the rollout keeps everyone who had it.
    expect(on(50).filter((id) => quarter.includes(id))).toEqual(quarter);
  });

  it('puts a workspace in independent buckets for different flags', () => {
    const workspaces = Array.from({ length: 500 }, () => crypto.randomUUID());
    const same = workspaces.filter((id) => rolloutBucket('projects.x', id) === rolloutBucket('projects.y', id));
    expect(same.length).toBeLessThan(25);
    for (const id of workspaces) expect(rolloutBucket('projects.x', id)).toBe(rolloutBucket('projects.x', id));
  });
});
