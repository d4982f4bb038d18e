/** Fixed loopback ports for the test run, apart from the dev stack's so both can run at once. */
export const testPorts = {
  dbServer: 5490,
  postgres: Number(process.env.TEST_PG_PORT ?? 5491),
  upstashBridge: 8090,
  redis: 6390,
} as const;

/**
 * The database the tests use: a real PostgreSQL server when TEST_DATABASE_URL is set (CI does),
 * otherwise embedded PGlite served on `testPorts.postgres` by the global setup.
 */
export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${testPorts.postgres}/postgres`;
