/**
 * `npm run dev`: the whole app on http://localhost:8787.
 *
 *   PORT             worker port (default 8787)
 *   DATABASE_URL     any PostgreSQL server to use instead of the embedded PGlite in .data/pglite
 *   DB_SERVER_PORT   the Neon-compatible endpoint's port (default 5480)
 *   PGLITE_PORT      where PGlite speaks the Postgres protocol (default 5481)
 *
 * The worker reloads on edits under worker/ (wrangler watches it); the web app is rebuilt by
 * `vite build --watch`, so a page reload shows the change. Ctrl-C stops everything.
 */
import { join } from 'node:path';
import { demo } from './seed-lib.ts';
import { type GroupProcess, root, type Stack, spawnGroup, startStack } from './stack.ts';

const port = portFrom('PORT', 8787);
const dbServerPort = portFrom('DB_SERVER_PORT', 5480);
const pglitePort = portFrom('PGLITE_PORT', 5481);
const databaseUrl = process.env.DATABASE_URL || undefined;

let webWatch: GroupProcess | undefined;
let stopping = false;

console.log(
  databaseUrl ? 'Starting the local stack (database: DATABASE_URL)…' : 'Starting the local stack (database: PGlite in .data/pglite)…',
);
// Quiet until the app answers: then the banner, then the worker's own output (its request log).
const starting = startStack({ port, dbServerPort, pglitePort, databaseUrl, seed: true, buildWeb: true, quiet: true });

async function stop(code: number): Promise<never> {
  stopping = true;
  await webWatch?.stop();
  const stack = await starting.catch(() => undefined);
  await stack?.stop();
  process.exit(code);
}

const onSignal = () => {
  if (stopping) process.exit(1); // second Ctrl-C: do not wait (child processes are still killed)
  console.log('\nStopping…');
  void stop(0);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const stack: Stack = await starting.catch((error: unknown) => {
  console.error(`\nThe stack did not start: ${error instanceof Error ? error.message : String(error)}`);
  return stop(1);
});
if (stopping) await new Promise(() => undefined); // Ctrl-C during start-up: stop() finishes the job

// The stack has just built web/dist: the watcher must not empty it, or wrangler can read the folder
// while it is empty and serve no page until the next change.
webWatch = spawnGroup(
  join(root, 'node_modules/vite/bin/vite.js'),
  ['build', '--watch', '--emptyOutDir=false', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  { label: 'web watch', prefix: '[web] ' },
);
void webWatch.exited.then((code) => {
  if (!stopping) console.error(`[web] vite build --watch exited (code ${code}); the app is no longer rebuilt.`);
});

const database = databaseUrl ? redacted(stack.postgresUrl) : `${stack.postgresUrl} (PGlite, .data/pglite)`;
console.log(`
  App            ${stack.url}
  API reference  ${stack.url}/api/v1/docs
  OpenAPI        ${stack.url}/api/v1/openapi.json
  Dev mail inbox ${stack.url}/dev/inbox  (every mail the app sends, links included)
  Run the cron   ${stack.url}/cdn-cgi/handler/scheduled
  Local Stripe   http://127.0.0.1:${port + 7}  (test cards 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 declines)
  Webhooks       ${stack.url}/dev/webhooks  (every delivery; register ${stack.webhookReceiverUrl}/hooks/ok/<name> as an endpoint to receive them)
  SQL endpoint   ${stack.dbServerUrl}/sql  (Neon-compatible; WebSocket at ${stack.dbServerUrl.replace('http', 'ws')}/v1)
  Postgres       ${database}
  Demo login     ${demo.email} / ${demo.password}  (workspace "${demo.workspaceSlug}"${stack.seeded ? ', just seeded' : ''})

  Ctrl-C to stop. Re-seed with: npm run db:seed
`);
stack.showWorkerOutput();

function portFrom(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65_535) {
    console.error(`${name} must be a port number, got ${value}`);
    process.exit(1);
  }
  return parsed;
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
