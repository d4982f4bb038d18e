/**
 * The deployed environments of wrangler.toml, read through wrangler's own config reader so that its
 * inheritance rules (vars and bindings are not inherited into an environment) are the real ones.
 * `npm run setup`, the workflows' scripts and the isolation test all take their resource names here.
 */
import { join } from 'node:path';
import { type Unstable_Config, unstable_readConfig } from 'wrangler';

export const deployEnvironments = ['preview', 'staging', 'production'] as const;
export type DeployEnvironment = (typeof deployEnvironments)[number];

/** Production's Neon branch is the project's default branch (Neon names it, main or production). */
export const defaultBranch = '(default)';
/** Each environment's Neon branch, made from the default one; a pull request's preview gets its own. */
export const databaseBranches: Record<DeployEnvironment, string> = { production: defaultBranch, staging: 'staging', preview: 'preview' };
export const pullRequestBranch = (pr: number) => `pr-${pr}`;

export function readEnvironment(
  env: DeployEnvironment | undefined,
  configPath = join(import.meta.dirname, '../../wrangler.toml'),
): Unstable_Config {
  return unstable_readConfig({ config: configPath, env }, { hideWarnings: true });
}

export type Resources = {
  worker: string;
  buckets: string[];
  /** Every queue the Worker produces to or consumes, its dead-letter queues included. */
  queues: string[];
  rateLimitNamespaces: string[];
  /** The Worker whose Durable Objects each binding reaches (its own unless script_name says otherwise). */
  durableObjectScripts: string[];
  serviceTargets: string[];
  vars: Record<string, string>;
};

export function resourcesOf(config: Unstable_Config): Resources {
  const consumers = config.queues.consumers ?? [];
  const queues = [
    ...(config.queues.producers ?? []).map((p) => p.queue ?? ''),
    ...consumers.map((c) => c.queue),
    ...consumers.flatMap((c) => (c.dead_letter_queue ? [c.dead_letter_queue] : [])),
  ];
  return {
    worker: config.name ?? '',
    buckets: config.r2_buckets.map((b) => b.bucket_name ?? ''),
    queues: [...new Set(queues)],
    rateLimitNamespaces: config.ratelimits.map((r) => r.namespace_id ?? ''),
    durableObjectScripts: config.durable_objects.bindings.map((b) => b.script_name ?? config.name ?? ''),
    serviceTargets: (config.services ?? []).map((s) => s.service),
    vars: Object.fromEntries(Object.entries(config.vars).map(([k, v]) => [k, String(v)])),
  };
}

/** The binding names a config declares, by kind: an environment must declare all of the top level's. */
export function bindingNames(config: Unstable_Config): string[] {
  return [
    ...config.durable_objects.bindings.map((b) => `durable object ${b.name}`),
    ...config.r2_buckets.map((b) => `r2 ${b.binding}`),
    ...(config.queues.producers ?? []).map((p) => `queue ${p.binding}`),
    ...config.ratelimits.map((r) => `rate limit ${r.name}`),
  ].sort();
}

/**
 * What one environment shares with another, or misses: empty when every environment (the local top
 * level included) has its own Worker, Durable Objects, buckets, queues, rate-limit namespaces, origin
 * and database branch, and a preview names nothing of production's.
 */
export function isolationProblems(configs: Record<string, Unstable_Config>, branches: Record<string, string> = databaseBranches): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  const claim = (kind: string, value: string, env: string) => {
    const key = `${kind}\u0000${value}`;
    const owner = owners.get(key);
    if (owner && owner !== env) problems.push(`${kind} "${value}" is shared by ${owner} and ${env}`);
    else owners.set(key, env);
  };
  const top = configs.top;
  for (const [env, config] of Object.entries(configs)) {
    const resources = resourcesOf(config);
    claim('worker', resources.worker, env);
    for (const bucket of resources.buckets) claim('R2 bucket', bucket, env);
    for (const queue of resources.queues) claim('queue', queue, env);
    for (const id of resources.rateLimitNamespaces) claim('rate-limit namespace', id, env);
    if (resources.vars.APP_ORIGIN) claim('origin', resources.vars.APP_ORIGIN, env);
    if (branches[env]) claim('database branch', branches[env], env);
    for (const script of resources.durableObjectScripts) {
      if (script !== resources.worker) problems.push(`${env}: a Durable Object binding reaches the Worker "${script}", not its own`);
    }
    if (top && env !== 'top') {
      const missing = bindingNames(top).filter((name) => !bindingNames(config).includes(name));
      for (const name of missing) problems.push(`${env}: declares no ${name} (bindings are not inherited from the top level)`);
    }
  }
  // Nothing in one environment may name another's Worker, resources or origin (a service binding, a
  // CORS origin, a variable pointing at production's bucket).
  for (const [env, config] of Object.entries(configs)) {
    const mine = resourcesOf(config);
    const text = [...mine.serviceTargets, ...Object.values(mine.vars)].join('\n');
    for (const [other, otherConfig] of Object.entries(configs)) {
      if (other === env) continue;
      const theirs = resourcesOf(otherConfig);
      const names = [theirs.worker, ...theirs.buckets, ...theirs.queues, theirs.vars.APP_ORIGIN].filter((n): n is string => Boolean(n));
      for (const name of names) if (text.split(/[\s,]+/).includes(name)) problems.push(`${env} names ${other}'s "${name}"`);
    }
  }
  return problems;
}
