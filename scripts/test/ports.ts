/**
 * Fixed loopback ports for the test run, apart from the dev stack's so both can run at once.
 * TEST_PORT_OFFSET shifts them all, for running two test runs side by side.
 */
const offset = Number(process.env.TEST_PORT_OFFSET ?? 0);

export const testPorts = {
  dbServer: 5490 + offset,
  postgres: 5491 + offset,
  /** A second endpoint, in front of a PostgreSQL server that is down (`unreachablePostgresUrl`). */
  dbServerWithoutDatabase: 5492 + offset,
  upstashBridge: 8090 + offset,
  redis: 6390 + offset,
  fakeResend: 8093 + offset,
  fakePostmark: 8094 + offset,
  fakeGoogle: 8095 + offset,
  fakeGitHub: 8096 + offset,
  oidcIdp: 8097 + offset,
  fakeDoh: 8098 + offset,
  /** The local webhook receiver (scripts/webhook-receiver), the one origin webhooks may reach in tests. */
  webhookReceiver: 8099 + offset,
  localStripe: 8091 + offset,
} as const;

/** The OAuth clients the local Google and GitHub stand-ins accept (test values, nothing real). */
export const testOAuthClients = {
  google: { id: 'test-google-client.apps.googleusercontent.com', secret: 'GOCSPX-test-google-secret' },
  github: { id: 'Iv1.testgithubclient', secret: 'test-github-client-secret-0123456789' },
} as const;

/** The secrets the local Resend and Postmark stand-ins accept (test values, nothing real). */
export const testMailSecrets = {
  resendApiKey: 're_test_0123456789abcdef',
  postmarkServerToken: 'pm-test-0123456789abcdef',
} as const;

/** The keys the local Stripe accepts and signs with in tests (test values, nothing real). */
export const testStripeSecrets = {
  secretKey: 'sk_test_local_0123456789abcdef',
  webhookSecret: 'whsec_test_local_0123456789abcdef',
  previousWebhookSecret: 'whsec_test_local_previous_0123456789',
} as const;

/**
 * The database the tests use: a real PostgreSQL server when TEST_DATABASE_URL is set (CI does),
 * otherwise embedded PGlite served on `testPorts.postgres` by the global setup.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${testPorts.postgres}/postgres`;

/**
 * A database nobody answers: port 1 (tcpmux) needs root to listen on, and nothing does. The outage
 * tests point the worker at it, directly or behind `testPorts.dbServerWithoutDatabase`.
 */
export const unreachablePostgresUrl = 'postgres://postgres:postgres@127.0.0.1:1/postgres';
