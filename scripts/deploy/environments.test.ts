import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseBranches, defaultBranch, deployEnvironments, isolationProblems, readEnvironment, resourcesOf } from './environments.ts';

const wranglerToml = join(import.meta.dirname, '../../wrangler.toml');

async function configsOf(toml: string) {
  const dir = await mkdtemp(join(tmpdir(), 'environments-'));
  const path = join(dir, 'wrangler.toml');
  await writeFile(path, toml);
  return Object.fromEntries([
    ['top', readEnvironment(undefined, path)],
    ...deployEnvironments.map((env) => [env, readEnvironment(env, path)] as const),
  ]);
}

describe('wrangler.toml environments', () => {
  it('give preview, staging and production their own Worker, Durable Objects, buckets, queues, rate limits, origin and branch', async () => {
    const configs = await configsOf(await readFile(wranglerToml, 'utf8'));
    expect(isolationProblems(configs)).toEqual([]);
    for (const env of deployEnvironments) {
      const resources = resourcesOf(configs[env] as never);
      expect(resources.worker).toBe(`edge-saas-${env}`);
      expect(resources.buckets).toEqual([`edge-saas-${env}-files`]);
      expect(resources.queues).toEqual([`edge-saas-${env}-jobs`, `edge-saas-${env}-jobs-dlq`]);
      expect(resources.vars.APP_ENV).toBe(env === 'preview' ? 'preview' : 'production');
    }
    expect(new Set(Object.values(databaseBranches)).size).toBe(deployEnvironments.length);
  });

  it('deploy what scripts/build-worker.ts builds, minified, names included, and leave the local stack readable (docs/decisions/066-minified-deploys.md, 068, 075)', async () => {
    const configs = await configsOf(await readFile(wranglerToml, 'utf8'));
    for (const env of deployEnvironments) {
      const config = configs[env];
      expect([env, config?.build.command, config?.no_bundle]).toEqual([env, `node scripts/build-worker.ts --env ${env}`, true]);
      expect(config?.main?.endsWith('/dist/worker/index.js')).toBe(true);
      // wrangler would warn that it cannot minify what it does not bundle: the build minifies.
      expect(config?.minify).toBeUndefined();
    }
    expect(configs.top?.main?.endsWith('/worker/index.ts')).toBe(true);
    expect(configs.top?.minify).not.toBe(true);
    expect(configs.top?.keep_names).not.toBe(false);
  });

  it('fails when a preview would write to production’s bucket, queue or Durable Objects', async () => {
    const toml = (await readFile(wranglerToml, 'utf8'))
      .replace('bucket_name = "edge-saas-preview-files"', 'bucket_name = "edge-saas-production-files"')
      .replace('queue = "edge-saas-preview-jobs"\nbinding', 'queue = "edge-saas-production-jobs"\nbinding')
      .replace(
        '[[env.preview.durable_objects.bindings]]\nname = "RATE_LIMITER"\nclass_name = "RateLimiter"',
        '[[env.preview.durable_objects.bindings]]\nname = "RATE_LIMITER"\nclass_name = "RateLimiter"\nscript_name = "edge-saas-production"',
      );
    expect(isolationProblems(await configsOf(toml))).toEqual([
      'preview: a Durable Object binding reaches the Worker "edge-saas-production", not its own',
      'R2 bucket "edge-saas-production-files" is shared by preview and production',
      'queue "edge-saas-production-jobs" is shared by preview and production',
    ]);
  });

  it('fails when an environment leaves out a binding, since wrangler does not inherit it from the top level', async () => {
    const toml = (await readFile(wranglerToml, 'utf8')).replace(/\[\[env\.staging\.ratelimits\]\][^[]+/, '');
    expect(isolationProblems(await configsOf(toml))).toEqual([
      'staging: declares no rate limit IP_FLOOD_GUARD (bindings are not inherited from the top level)',
    ]);
  });

  it('fails when a preview’s variables point at production or two environments share a database branch', async () => {
    const source = await readFile(wranglerToml, 'utf8');
    // Production's origin as wrangler.toml has it: a rename changes its domain.
    const productionOrigin = /\[env\.production\.vars\][^[]*?APP_ORIGIN = "([^"]+)"/.exec(source)?.[1];
    const toml = source.replace(
      'CORS_ORIGINS = "https://edge-saas-preview.example.workers.dev"',
      `CORS_ORIGINS = "https://edge-saas-preview.example.workers.dev,${productionOrigin}"`,
    );
    expect(isolationProblems(await configsOf(toml), { ...databaseBranches, staging: defaultBranch })).toEqual([
      'database branch "(default)" is shared by staging and production',
      `preview names production's "${productionOrigin}"`,
    ]);
  });
});
