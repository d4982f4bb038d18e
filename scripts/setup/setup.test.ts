import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudflareStandIn } from '../cloud-fakes/cloudflare.ts';
import { startNeonStandIn } from '../cloud-fakes/neon.ts';
import type { FakeServer } from '../identity-fakes/http.ts';
import { root } from '../stack.ts';
import { startLocalStripe } from '../stripe-local/index.ts';

let cloudflare: Awaited<ReturnType<typeof startCloudflareStandIn>>;
let neon: Awaited<ReturnType<typeof startNeonStandIn>>;
let stripe: FakeServer;

beforeAll(async () => {
  cloudflare = await startCloudflareStandIn({ port: 0, accountId: 'acc-setup', token: 'cf-token' });
  neon = await startNeonStandIn({ port: 0, apiKey: 'neon-key' });
  stripe = await startLocalStripe({ port: 0, secretKey: 'sk_test_setup', webhookSecret: 'whsec_setup' });
});
afterAll(async () => {
  await Promise.all([cloudflare.close(), neon.close(), stripe.close()]);
});

/** Runs the command as a child process; the stand-ins answer from this one, so it must not block. */
function setup(...args: string[]): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, [join(root, 'scripts/setup/main.ts'), ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CLOUDFLARE_API_TOKEN: 'cf-token',
      CLOUDFLARE_ACCOUNT_ID: 'acc-setup',
      CLOUDFLARE_API_BASE_URL: cloudflare.apiUrl,
      NEON_API_KEY: 'neon-key',
      NEON_API_URL: neon.apiUrl,
      RESEND_API_KEY: 're_setup',
      STRIPE_SECRET_KEY: 'sk_test_setup',
      STRIPE_API_URL: stripe.url,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

const environments = ['preview', 'staging', 'production'];
const secretNames = ['DATABASE_URL', 'APP_SECRET', 'JWT_SIGNING_KEYS', 'RESEND_API_KEY', 'STRIPE_SECRET_KEY'];

describe('npm run setup', () => {
  it('with --dry-run prints every step and how to undo it, and calls nothing', async () => {
    const { status, output } = await setup('--dry-run');
    expect(status).toBe(0);
    expect(output).toContain('would ensure R2 bucket edge-saas-production-files');
    expect(output).toContain('undo: npx wrangler queues delete edge-saas-staging-jobs-dlq');
    expect(output).toContain('would ensure Neon branch preview for preview');
    expect(output).toContain('npx wrangler secret delete APP_SECRET --env production');
    expect(output).toContain('would ensure Stripe products');
    expect(cloudflare.state.calls).toEqual([]);
    expect(neon.calls).toEqual([]);
  });

  it('creates buckets, queues, the Neon project and branches, secrets and Stripe products; a second run changes nothing', {
    timeout: 240_000,
  }, async () => {
    const first = await setup();
    expect(first.output).toContain('Done.');
    expect(first.status).toBe(0);
    expect([...cloudflare.state.buckets].sort()).toEqual(environments.map((env) => `edge-saas-${env}-files`).sort());
    expect([...cloudflare.state.queues.keys()].sort()).toEqual(
      environments.flatMap((env) => [`edge-saas-${env}-jobs`, `edge-saas-${env}-jobs-dlq`]).sort(),
    );
    expect(neon.projects.map((p) => p.name)).toEqual(['edge-saas']);
    expect(neon.projects[0]?.branches.map((b) => b.name).sort()).toEqual(['main', 'preview', 'staging']);
    const secrets = Object.fromEntries(environments.map((env) => [env, cloudflare.state.secrets.get(`edge-saas-${env}`)]));
    for (const env of environments) expect([...(secrets[env]?.keys() ?? [])].sort()).toEqual([...secretNames].sort());
    // each environment reads its own branch, with its own generated secrets
    const urls = environments.map((env) => secrets[env]?.get('DATABASE_URL'));
    expect(new Set(urls).size).toBe(3);
    for (const url of urls) expect(url).toMatch(/^postgresql:\/\/neondb_owner:.+-pooler\.neon\.local\/neondb/);
    expect(new Set(environments.map((env) => secrets[env]?.get('APP_SECRET'))).size).toBe(3);
    expect(Buffer.from(secrets.production?.get('APP_SECRET') ?? '', 'base64')).toHaveLength(32);
    expect(JSON.parse(secrets.staging?.get('JWT_SIGNING_KEYS') ?? '')).toEqual([
      expect.objectContaining({ kty: 'EC', crv: 'P-256', d: expect.any(String) }),
    ]);
    const products = await new Stripe('sk_test_setup', { host: '127.0.0.1', port: stripe.port, protocol: 'http' }).products.list();
    expect(products.data.map((p) => p.id).sort()).toEqual(['plan_pro', 'plan_team']);

    const before = structuredClone({
      buckets: [...cloudflare.state.buckets],
      queues: [...cloudflare.state.queues],
      secrets: [...cloudflare.state.secrets].map(([worker, values]) => [worker, [...values]]),
      branches: neon.projects.map((p) => p.branches),
    });
    const callsBefore = cloudflare.state.calls.length;
    const second = await setup();
    expect(second.status).toBe(0);
    expect(second.output).not.toMatch(/: created|: put /);
    expect(second.output).toContain('kept DATABASE_URL, APP_SECRET, JWT_SIGNING_KEYS, RESEND_API_KEY, STRIPE_SECRET_KEY');
    expect(second.output).toContain('0 created, 0 updated');
    expect({
      buckets: [...cloudflare.state.buckets],
      queues: [...cloudflare.state.queues],
      secrets: [...cloudflare.state.secrets].map(([worker, values]) => [worker, [...values]]),
      branches: neon.projects.map((p) => p.branches),
    }).toEqual(before);
    expect(cloudflare.state.calls.slice(callsBefore).filter((call) => !call.startsWith('GET '))).toEqual([]);
  });

  it('refuses an environment wrangler.toml does not declare', async () => {
    const { status, output } = await setup('--env', 'nowhere');
    expect(status).toBe(1);
    expect(output).toContain('Unknown environment nowhere');
  });
});
