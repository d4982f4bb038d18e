/**
 * Fixed loopback ports for the test run, apart from the dev stack's so both can run at once.
 * TEST_PORT_OFFSET shifts them all, for running two test runs side by side.
 */
const offset = Number(process.env.TEST_PORT_OFFSET ?? 0);

export const testPorts = {
  dbServer: 5490 + offset,
  postgres: 5491 + offset,
  upstashBridge: 8090 + offset,
  redis: 6390 + offset,
} as const;

/**
 * The database the tests use: a real PostgreSQL server when TEST_DATABASE_URL is set (CI does),
 * otherwise embedded PGlite served on `testPorts.postgres` by the global setup.
 */
export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${testPorts.postgres}/postgres`;
