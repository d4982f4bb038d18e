import type { Config } from '../../kernel/config.ts';
import type { FlagDeclaration } from '../module.ts';

export interface FlagOverride {
  flag: string;
  personId: string | null;
  enabled: boolean;
}

/**
 * Where a workspace falls in a flag's rollout, 0–99: the same for one flag and workspace in every
 * request and isolate, and independent from one flag to the next (FNV-1a of "<flag>:<workspace>").
 */
export function rolloutBucket(flag: string, workspaceId: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${flag}:${workspaceId}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

/**
 * Whether `flag` is on in a workspace for the person whose overrides these are: their own override,
 * else the workspace's, else the environment's default (on, off, or on for a share of workspaces).
 */
export function isFlagOn(
  name: string,
  flag: FlagDeclaration,
  target: { appEnv: Config['APP_ENV']; workspaceId: string },
  overrides: readonly FlagOverride[],
): boolean {
  const mine = overrides.filter((o) => o.flag === name);
  const chosen = mine.find((o) => o.personId !== null) ?? mine.find((o) => o.personId === null);
  if (chosen) return chosen.enabled;
  const fallback = flag.defaults[target.appEnv];
  return typeof fallback === 'boolean' ? fallback : rolloutBucket(name, target.workspaceId) < fallback.percent;
}
