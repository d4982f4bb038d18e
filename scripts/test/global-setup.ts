import { spawn, spawnSync } from 'node:child_process';
import { startDbServer } from '../db-server/index.ts';
import { runMigrations } from '../migrate-lib.ts';
import { startFakeDoh, startFakeGitHub, startFakeGoogle, startOidcIdp } from '../identity-fakes/index.ts';
import { startFakePostmark, startFakeResend } from '../mail-fakes/index.ts';
import { startLocalStripe } from '../stripe-local/index.ts';
import { startUpstashBridge } from '../upstash-bridge/index.ts';
import { startWebhookReceiver } from '../webhook-receiver/index.ts';
import { testDatabaseUrl, testMailSecrets, testOAuthClients, testPorts, testStripeSecrets, unreachablePostgresUrl } from './ports.ts';

function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function startRedis(port: number): Promise<() => void> {
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], {
    stdio: 'ignore',
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return () => child.kill();
}

/**
 * Starts what the workerd tests talk to: the Neon-compatible endpoint in front of embedded PGlite
 * (or of the PostgreSQL server named by TEST_DATABASE_URL), with migrations applied, and Redis
 * behind the Upstash REST bridge when redis-server is installed (CI always installs it), and local
 * stand-ins for Resend's and Postmark's HTTP APIs (scripts/mail-fakes) and for Stripe (scripts/stripe-local).
 */
export default async function setup() {
  const external = process.env.TEST_DATABASE_URL;
  const db = await startDbServer({
    port: testPorts.dbServer,
    databaseUrl: external,
    pglitePort: external ? undefined : testPorts.postgres,
  });
  await runMigrations(testDatabaseUrl);

  // The same endpoint in front of a PostgreSQL server that is down, as under `npm run dev` with the
  // server stopped: it answers, the database behind it does not (worker/db/outage.test.ts).
  const dbWithoutDatabase = await startDbServer({ port: testPorts.dbServerWithoutDatabase, databaseUrl: unreachablePostgresUrl });
  const stops: Array<() => unknown> = [() => db.close(), () => dbWithoutDatabase.close()];
  const resend = await startFakeResend({ port: testPorts.fakeResend, apiKey: testMailSecrets.resendApiKey });
  const postmark = await startFakePostmark({ port: testPorts.fakePostmark, serverToken: testMailSecrets.postmarkServerToken });
  stops.unshift(
    () => resend.close(),
    () => postmark.close(),
  );
  // Identity providers: Google and GitHub stand-ins, a real OpenID Provider, a DNS-over-HTTPS resolver.
  const identity = [
    await startFakeGoogle({
      port: testPorts.fakeGoogle,
      clientId: testOAuthClients.google.id,
      clientSecret: testOAuthClients.google.secret,
    }),
    await startFakeGitHub({
      port: testPorts.fakeGitHub,
      clientId: testOAuthClients.github.id,
      clientSecret: testOAuthClients.github.secret,
    }),
    await startOidcIdp({ port: testPorts.oidcIdp }),
    await startFakeDoh({ port: testPorts.fakeDoh }),
  ];
  stops.unshift(...identity.map((server) => () => server.close()));
  const receiver = await startWebhookReceiver({ port: testPorts.webhookReceiver });
  stops.unshift(() => receiver.close());
  // The local Stripe holds its webhook deliveries for the tests to take and send through the app.
  const stripe = await startLocalStripe({
    port: testPorts.localStripe,
    secretKey: testStripeSecrets.secretKey,
    webhookSecret: testStripeSecrets.webhookSecret,
  });
  stops.unshift(() => stripe.close());
  if (redisServerAvailable()) {
    stops.push(await startRedis(testPorts.redis));
    const bridge = await startUpstashBridge({
      port: testPorts.upstashBridge,
      token: 'test-upstash-token',
      redisUrl: `redis://127.0.0.1:${testPorts.redis}`,
    });
    stops.unshift(() => bridge.close());
  } else if (process.env.CI) {
    throw new Error('redis-server is required in CI for the Upstash rate-limit tests');
  }
  return async () => {
    for (const stop of stops) await stop();
  };
}
