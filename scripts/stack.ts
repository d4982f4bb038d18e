/**
 * The whole local stack in one call: the Neon-compatible database endpoint (embedded PGlite or a
 * real Postgres behind it), migrations, the demo seed, the web build and `wrangler dev`.
 * Used by `npm run dev`, the browser tests and the benchmarks; several stacks can run at once
 * on different ports. Signal handling belongs to the caller: call `stop()` on SIGINT/SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { newSigningKeys } from './signing-key.ts';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type DbServer, startDbServer } from './db-server/index.ts';
import { startIdentityFakes } from './identity-fakes/index.ts';
import { startLocalStripe } from './stripe-local/index.ts';
import { startWebhookReceiver } from './webhook-receiver/index.ts';
import { runMigrations } from './migrate-lib.ts';
import { seedDemo } from './seed-lib.ts';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wranglerBin = join(root, 'node_modules/wrangler/bin/wrangler.js');
const viteBin = join(root, 'node_modules/vite/bin/vite.js');
const webIndex = join(root, 'web/dist/index.html');
const devVarsPath = join(root, '.dev.vars');

export interface StackOptions {
  /** Worker port (default 8787). */
  port?: number;
  /** Port of the Neon-compatible endpoint the worker's driver talks to (default 5480). */
  dbServerPort?: number;
  /** Port where PGlite speaks the Postgres protocol (default 5481); unused with `databaseUrl`. */
  pglitePort?: number;
  /**
   * PGlite data folder, relative to the repository (default '.data/pglite'). null = a throwaway
   * stack: PGlite in memory, wrangler's local state in a temporary folder, .dev.vars untouched.
   */
  dataDir?: string | null;
  /** A real Postgres to put behind the endpoint instead of PGlite. */
  databaseUrl?: string;
  /** Seed the demo when the database was empty before the migrations ran. */
  seed?: boolean;
  /** Build the web app if web/dist/index.html is missing. */
  buildWeb?: boolean;
  /** Keep wrangler's and the build's output to ourselves (it is still shown if start-up fails). */
  quiet?: boolean;
  /** Write .dev.vars when it is missing (default: unless `dataDir` is null). */
  writeDevVars?: boolean;
  /** How long to wait for `GET /health` (default 90 s). */
  readyTimeoutMs?: number;
  /**
   * Start local stand-ins for Google, GitHub, an OpenID Provider and DNS-over-HTTPS on the ports
   * after the worker's (scripts/identity-fakes) and point sign-in at them (default true).
   */
  identityProviders?: boolean;
  /**
   * Start the local Stripe (scripts/stripe-local) on the port after the stand-ins', delivering its
   * signed webhooks to the worker, and point billing at it (default true).
   */
  localStripe?: boolean;
  /** More worker variables (the realtime bench raises the hub's connection caps). */
  vars?: Record<string, string>;
  /**
   * Start the local webhook receiver (scripts/webhook-receiver) on the port after the local
   * Stripe's and exempt its origin from the webhook URL checks, so an endpoint such as
   * `<receiver>/hooks/ok/<name>` can be registered and delivered to offline (default true).
   */
  webhookReceiver?: boolean;
}

/** The keys the local Stripe of `npm run dev` accepts and signs with (not secrets: nothing real takes them). */
export const localStripeKeys = { secretKey: 'sk_test_local_dev', webhookSecret: 'whsec_local_dev' } as const;

export interface Stack {
  /** The app and API, e.g. http://localhost:8787 */
  url: string;
  /** The Neon-compatible endpoint, e.g. http://127.0.0.1:5480 (SQL over HTTP at /sql). */
  dbServerUrl: string;
  /** Postgres connection string of the database behind it. */
  postgresUrl: string;
  /** The local webhook receiver, e.g. http://127.0.0.1:8795, or null when not started. */
  webhookReceiverUrl: string | null;
  /** True when this start found an empty database and seeded the demo. */
  seeded: boolean;
  /** From now on, pass the worker's output (its logs, wrangler's warnings) to this terminal. */
  showWorkerOutput(): void;
  stop(): Promise<void>;
}

/** The local Stripe's port: the one after the identity stand-ins'. */
export const localStripePort = (workerPort: number) => workerPort + 7;

/** The local webhook receiver's port: the one after the local Stripe's. */
export const webhookReceiverPort = (workerPort: number) => workerPort + 8;

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const port = options.port ?? 8787;
  const dbServerPort = options.dbServerPort ?? 5480;
  const pglitePort = options.pglitePort ?? 5481;
  // dataDir null: a throwaway stack (tests, benchmarks): wrangler's local state (rate-limit
  // counters) lives in a temporary folder too, and .dev.vars is left alone.
  const ephemeral = options.dataDir === null;
  const dataDir = options.dataDir === null ? undefined : resolve(root, options.dataDir ?? '.data/pglite');
  const log = (line: string) => {
    if (!options.quiet) console.log(line);
  };

  // wrangler would quietly pick another port; then /health could be answered by someone else.
  await assertPortFree(port, 'worker');

  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  };

  try {
    const db: DbServer = await startDbServer({
      port: dbServerPort,
      databaseUrl: options.databaseUrl,
      pglitePort: options.databaseUrl ? undefined : pglitePort,
      pgliteDataDir: options.databaseUrl ? undefined : dataDir,
    });
    cleanups.push(() => db.close());

    const fresh = await isEmptyDatabase(db.postgresUrl);
    await runMigrations(db.postgresUrl, join(root, 'migrations'));
    let seeded = false;
    if (options.seed && fresh) {
      const result = await seedDemo(db.postgresUrl);
      seeded = !result.skipped;
      if (result.skipped) log(`Demo data not seeded: ${result.skipped}.`);
    }

    if (!existsSync(webIndex)) {
      if (options.buildWeb) await buildWeb({ quiet: options.quiet });
      // The assets directory must exist for wrangler to start; the API works without the app.
      else await mkdir(dirname(webIndex), { recursive: true });
    }

    const appSecret = await ensureDevVars({
      databaseUrl: db.postgresUrl,
      write: options.writeDevVars ?? !ephemeral,
    });

    const identity = options.identityProviders === false ? null : await startIdentityFakes(port);
    if (identity) cleanups.push(() => identity.close());

    const url = `http://localhost:${port}`;
    const stripe =
      options.localStripe === false
        ? null
        : await startLocalStripe({
            port: localStripePort(port),
            secretKey: localStripeKeys.secretKey,
            webhookSecret: localStripeKeys.webhookSecret,
            webhookUrl: `http://127.0.0.1:${port}/api/v1/billing/webhooks/stripe`,
          });
    if (stripe) cleanups.push(() => stripe.close());
    const receiver = options.webhookReceiver === false ? null : await startWebhookReceiver({ port: webhookReceiverPort(port) });
    if (receiver) cleanups.push(() => receiver.close());
    const persistTo = ephemeral
      ? await mkdtemp(join(tmpdir(), 'wrangler-state-'))
      : join(root, '.wrangler', port === 8787 ? 'state' : `state-${port}`);
    if (ephemeral) cleanups.push(() => rm(persistTo, { recursive: true, force: true }));

    // Effective values always go on the command line, so a stale .dev.vars cannot point elsewhere.
    const vars: Record<string, string> = {
      DATABASE_URL: db.postgresUrl,
      APP_SECRET: appSecret,
      // A fresh access-token signing key per start: access tokens live 15 minutes, refresh tokens
      // are in the database, so a client just refreshes after a restart.
      JWT_SIGNING_KEYS: newSigningKeys(),
      NEON_LOCAL_PROXY: `127.0.0.1:${dbServerPort}`,
      APP_ENV: 'development',
      APP_ORIGIN: url,
      CORS_ORIGINS: [url, `http://127.0.0.1:${port}`, 'http://localhost:5173'].join(','),
      // Uploads go to the Worker's development S3 endpoint, which verifies the presigned URLs as R2
      // does and stores into the local FILES bucket (docs/decisions/044).
      R2_ACCESS_KEY_ID: 'dev-r2-access-key',
      R2_SECRET_ACCESS_KEY: 'dev-r2-secret-access-key',
      R2_S3_ENDPOINT: `${url}/dev/r2`,
      ...identity?.vars,
      ...(stripe
        ? { STRIPE_SECRET_KEY: localStripeKeys.secretKey, STRIPE_WEBHOOK_SECRET: localStripeKeys.webhookSecret, STRIPE_API_URL: stripe.url }
        : {}),
      ...options.vars,
      ...(receiver ? { WEBHOOK_EXEMPT_ORIGINS: receiver.url } : {}),
    };
    const wrangler = spawnGroup(
      wranglerBin,
      [
        'dev',
        '--port',
        String(port),
        '--ip',
        '127.0.0.1',
        '--test-scheduled',
        '--show-interactive-dev-session=false',
        // Warnings and errors only: the bindings table (on every reload), the ready line and one line
        // per request are noise next to the caller's own banner and the app's request log.
        '--log-level',
        'warn',
        '--persist-to',
        persistTo,
        ...Object.entries(vars).flatMap(([key, value]) => ['--var', `${key}:${value}`]),
      ],
      {
        quiet: options.quiet,
        label: 'wrangler',
        // The placeholder `request.cf` instead of one fetched from Cloudflare at every (re)start:
        // the same offline as online, and no stack trace when there is no network.
        env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      },
    );
    cleanups.push(() => wrangler.stop());

    await waitForHealth(`${url}/health`, wrangler, options.readyTimeoutMs ?? 90_000);

    return {
      url,
      dbServerUrl: `http://127.0.0.1:${dbServerPort}`,
      postgresUrl: db.postgresUrl,
      webhookReceiverUrl: receiver?.url ?? null,
      seeded,
      showWorkerOutput: () => wrangler.echo(),
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** `vite build` of web/ into web/dist. */
export async function buildWeb(options: { quiet?: boolean | undefined } = {}): Promise<void> {
  const build = spawnGroup(viteBin, ['build', '--config', 'web/vite.config.ts'], {
    quiet: options.quiet,
    label: 'web build',
  });
  const code = await build.exited;
  if (code !== 0) {
    throw new Error(`web build failed (exit ${code})${options.quiet ? `:\n${build.output()}` : ''}`);
  }
}

export interface GroupProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or 1 when killed by a signal). */
  exited: Promise<number>;
  /** The last lines of stdout and stderr. */
  output(): string;
  /** Passes what the process prints from now on to this terminal, even if it started quiet. */
  echo(): void;
  /** Ends the whole process group: SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/**
 * Runs a Node script with this Node in its own process group, so `stop()` also ends what it
 * starts (wrangler runs workerd) and a Ctrl-C in the terminal reaches only the caller.
 */
export function spawnGroup(
  script: string,
  args: string[],
  options: { quiet?: boolean | undefined; label: string; prefix?: string; env?: Record<string, string> },
): GroupProcess {
  let quiet = options.quiet;
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      ...(!options.quiet && process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
      ...options.env,
    },
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer, stream: NodeJS.WriteStream) => {
    const text = chunk.toString();
    for (const line of text.split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
    if (quiet) return;
    stream.write(options.prefix ? text.replace(/^(?=.)/gm, options.prefix) : text);
  };
  child.stdout?.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
  child.stderr?.on('data', (chunk: Buffer) => keep(chunk, process.stderr));

  const exited = new Promise<number>((done) => {
    child.once('exit', (code) => done(code ?? 1));
    child.once('error', (error) => {
      lines.push(`${options.label}: ${error.message}`);
      done(1);
    });
  });
  let running = true;
  void exited.then(() => {
    running = false;
    process.off('exit', killOnExit);
  });
  // Last resort if the caller dies without stopping us: never leave a server behind.
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.on('exit', killOnExit);

  return {
    child,
    exited,
    output: () => lines.join('\n'),
    echo: () => {
      quiet = false;
    },
    async stop() {
      if (running) {
        signalGroup(child, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      // The leader may be gone while a grandchild (workerd) lingers.
      signalGroup(child, 'SIGKILL');
      process.off('exit', killOnExit);
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(url: string, wrangler: GroupProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | undefined;
  void wrangler.exited.then((code) => {
    exitCode = code;
  });
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`wrangler dev exited (code ${exitCode}) before ${url} answered:\n${wrangler.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = await response.text();
      if (response.status === 200) return;
      last = `${response.status} ${body.slice(0, 300)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(
    `${url} did not answer 200 within ${Math.round(timeoutMs / 1000)} s (last: ${last}). wrangler output:\n${wrangler.output()}`,
  );
}

async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((done, fail) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new Error(error.code === 'EADDRINUSE' ? `port ${port} (${what}) is already in use` : `port ${port} (${what}): ${error.message}`),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => done()));
  });
}

/** True when the schema has not been created yet (so this start is the first one). */
async function isEmptyDatabase(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ missing: boolean }>(`select to_regclass('public."user"') is null as missing`);
    return result.rows[0]?.missing ?? true;
  } finally {
    await client.end();
  }
}

/**
 * Writes .dev.vars (for a plain `wrangler dev`) when it is missing, and returns the APP_SECRET to
 * use: the one already in .dev.vars when it is long enough, so sessions' signed tokens survive
 * restarts, otherwise a fresh one.
 */
async function ensureDevVars({ databaseUrl, write }: { databaseUrl: string; write: boolean }): Promise<string> {
  if (existsSync(devVarsPath)) {
    const text = await readFile(devVarsPath, 'utf8');
    const match = /^\s*APP_SECRET\s*=\s*["']?([^"'\n]+?)["']?\s*$/m.exec(text);
    const secret = match?.[1];
    if (secret && secret.length >= 32 && !secret.startsWith('replace-with')) return secret;
    return freshSecret();
  }
  const secret = freshSecret();
  if (write) {
    await writeFile(
      devVarsPath,
      [
        '# Local secrets for `wrangler dev`, written by `npm run dev` (git-ignored). See .dev.vars.example.',
        '# npm run dev passes its own DATABASE_URL to the worker; this one is for a plain `wrangler dev`.',
        `DATABASE_URL=${databaseUrl}`,
        `APP_SECRET=${secret}`,
        `JWT_SIGNING_KEYS=${newSigningKeys()}`,
        'APP_ENV=development',
        'NEON_LOCAL_PROXY=127.0.0.1:5480',
        'UPSTASH_REDIS_REST_URL=',
        'UPSTASH_REDIS_REST_TOKEN=',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  }
  return secret;
}

function freshSecret(): string {
  return randomBytes(32).toString('base64url');
}
