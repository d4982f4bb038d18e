import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import {
  testDatabaseUrl,
  testMailSecrets,
  testOAuthClients,
  testPorts,
  testStripeSecrets,
  unreachablePostgresUrl,
} from './scripts/test/ports.ts';
import { poolWorkersStopListeningFirst } from './scripts/test/pool-worker-stop.ts';

// Access tokens are signed with a fresh key per run; a second, older key stands for one being
// rotated out (it still verifies, it no longer signs).
const testSigningKey = (kid: string) => ({
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
  kid,
});
const testSigningKeys = JSON.stringify([testSigningKey('test-current'), testSigningKey('test-previous')]);

const redisAvailable = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

const droppedLogLine = (error: Error) =>
  error.name === 'EnvironmentTeardownError' && error.message.includes('"onUserConsoleLog" was pending');

// Worker code runs inside workerd against the Neon-compatible endpoint started by global-setup.ts;
// Node-side tooling (the dev database endpoint, the Upstash bridge) is tested in Node.
export default defineConfig({
  test: {
    silent: 'passed-only',
    // Work a response left behind (a queued job, an outbox relay) may still log when its test file
    // ends; the runner then drops that log line and reports it as an error. A lost log line fails
    // nothing, so only that one case is set aside: every other unhandled error still fails the run.
    onUnhandledError: (error) => !droppedLogLine(error),
    reporters: ['default', './scripts/test/skipped-reporter.ts'],
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // The jobs queue delivers at once in every environment (realtime broadcasts within a
              // second); here it waits up to 1 s for a batch, so that tests which run a job by hand, or
              // count what one request costs, are not raced by the consumer doing the same work at the
              // same moment. (It was 5 s; 1 s ran the whole suite green and cut its time by a third,
              // most tests waiting for mail.) The browser scenarios run with the configured 0.
              queueConsumers: {
                'edge-saas-jobs': { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 5, deadLetterQueue: 'edge-saas-jobs-dlq' },
              },
              bindings: {
                APP_ENV: 'test',
                APP_ORIGIN: 'http://localhost:8787',
                CORS_ORIGINS: 'http://localhost:8787,https://app.example.com',
                DATABASE_URL: testDatabaseUrl,
                TEST_INSPECT_DATABASE_URL: process.env.TEST_INSPECT_DATABASE_URL ?? testDatabaseUrl,
                NEON_LOCAL_PROXY: `127.0.0.1:${testPorts.dbServer}`,
                // Database outages (worker/db/outage.test.ts): an endpoint whose database is down.
                TEST_OUTAGE_NEON_LOCAL_PROXY: `127.0.0.1:${testPorts.dbServerWithoutDatabase}`,
                TEST_UNREACHABLE_DATABASE_URL: unreachablePostgresUrl,
                APP_SECRET: 'test-secret-test-secret-test-secret-0123456789',
                JWT_SIGNING_KEYS: testSigningKeys,
                // Mail goes to the dev inbox (the default outside production); the providers' local
                // stand-ins are named here so their adapters, and MAIL_PROVIDER=resend|postmark, can be tested.
                RESEND_API_URL: `http://127.0.0.1:${testPorts.fakeResend}`,
                RESEND_API_KEY: testMailSecrets.resendApiKey,
                POSTMARK_API_URL: `http://127.0.0.1:${testPorts.fakePostmark}`,
                POSTMARK_SERVER_TOKEN: testMailSecrets.postmarkServerToken,
                // Identity providers' local stand-ins (scripts/identity-fakes), started by global-setup.ts.
                GOOGLE_CLIENT_ID: testOAuthClients.google.id,
                GOOGLE_CLIENT_SECRET: testOAuthClients.google.secret,
                GOOGLE_OAUTH_URL: `http://127.0.0.1:${testPorts.fakeGoogle}`,
                GITHUB_CLIENT_ID: testOAuthClients.github.id,
                GITHUB_CLIENT_SECRET: testOAuthClients.github.secret,
                GITHUB_OAUTH_URL: `http://127.0.0.1:${testPorts.fakeGitHub}`,
                GITHUB_API_URL: `http://127.0.0.1:${testPorts.fakeGitHub}`,
                // File uploads: presigned against the Worker's own development S3 endpoint (/dev/r2),
                // which stores into the FILES binding; the EICAR scanner is the default here.
                R2_ACCESS_KEY_ID: 'test-r2-access-key',
                R2_SECRET_ACCESS_KEY: 'test-r2-secret-access-key-0123456789',
                R2_S3_ENDPOINT: 'http://localhost:8787/dev/r2',
                DNS_RESOLVER_URL: `http://127.0.0.1:${testPorts.fakeDoh}/dns-query`,
                TEST_OIDC_IDP_URL: `http://127.0.0.1:${testPorts.oidcIdp}`,
                // The local webhook receiver: the one origin a webhook may reach although it is loopback.
                TEST_WEBHOOK_RECEIVER_URL: `http://127.0.0.1:${testPorts.webhookReceiver}`,
                WEBHOOK_EXEMPT_ORIGINS: `http://127.0.0.1:${testPorts.webhookReceiver}`,
                // Billing against the local Stripe (scripts/stripe-local), started by global-setup.ts.
                STRIPE_SECRET_KEY: testStripeSecrets.secretKey,
                STRIPE_WEBHOOK_SECRET: testStripeSecrets.webhookSecret,
                STRIPE_WEBHOOK_SECRET_PREVIOUS: testStripeSecrets.previousWebhookSecret,
                STRIPE_API_URL: `http://127.0.0.1:${testPorts.localStripe}`,
                ...(redisAvailable
                  ? {
                      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${testPorts.upstashBridge}`,
                      UPSTASH_REDIS_REST_TOKEN: 'test-upstash-token',
                    }
                  : { UPSTASH_REDIS_REST_URL: '', UPSTASH_REDIS_REST_TOKEN: '' }),
              },
            },
          }),
          poolWorkersStopListeningFirst(),
        ],
        test: {
          name: 'workers',
          include: ['worker/**/*.test.ts', 'durable-objects/**/*.test.ts', 'queues/**/*.test.ts'],
          globalSetup: ['./scripts/test/global-setup.ts'],
          // Tests are entry points too: the registry's modules are installed before any file runs.
          setupFiles: ['./worker/test/install-modules.ts'],
          // Files share one database and its round-trip counters: run them one after another.
          fileParallelism: false,
          // The first request of each file evaluates the whole worker (React Email included) in a fresh isolate.
          testTimeout: 40_000,
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      // The marketing site's tests render its Astro pages (Astro's container), so they run under its own Vite config.
      './marketing/vitest.config.mts',
    ],
  },
});
