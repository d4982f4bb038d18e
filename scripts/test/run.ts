/**
 * `npm test`: the whole suite as parallel vitest runs ("shards"), then one report merged from theirs.
 *
 * The worker tests run one file at a time, because the files of one run share a database and its
 * round-trip counters; most of their time is spent waiting (a queue's batch window, a socket, a
 * retry's delay), so one run keeps a core half busy. Each shard is a run of its own, with its own
 * ports (TEST_PORT_OFFSET), its own embedded PGlite or, given TEST_DATABASE_URL, its own database on
 * that server, created beside the named one and migrated before the runs start. Their results are
 * merged by vitest (`--merge-reports`) into the reporters asked for, so the reports are those of one
 * run; a run that failed outside its tests fails the whole run too.
 *
 *   npm test                          # every test, in TEST_SHARDS runs (default: one per core, 2 to 4)
 *   npm test -- worker/db             # paths or a name filter: one ordinary `vitest run` with them
 *   TEST_SHARDS=1 npm test            # one ordinary run
 *   npm test -- --reporter=json --outputFile=out.json   # reporters apply to the merged report
 */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runMigrations } from '../migrate-lib.ts';
import { root } from '../stack.ts';

/** Port offsets between shards: each run's ports span less than this (scripts/test/ports.ts). */
const PORT_STRIDE = 20;
const reportsDir = join(root, '.vitest-reports');
const vitest = join(root, 'node_modules/.bin/vitest');

/** Splits the arguments: options about reports apply to the merged report, the rest to every shard. */
export function splitArgs(args: readonly string[]) {
  const report: string[] = [];
  const run: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const isReportOption = /^--(reporter|outputFile)(\.|=|$)/.test(arg);
    const target = isReportOption ? report : run;
    target.push(arg);
    // `--reporter json` and `--outputFile out.json`: the value is the next argument.
    if (isReportOption && !arg.includes('=') && i + 1 < args.length) target.push(args[++i] as string);
  }
  // Paths, and a test name pattern's value: a run that picks its tests is not split.
  const filters = run.filter((arg) => !arg.startsWith('-'));
  return { report, run, filters };
}

export function shardCount(env: NodeJS.ProcessEnv, cores = availableParallelism()): number {
  if (env.TEST_SHARDS) {
    const n = Number(env.TEST_SHARDS);
    if (!Number.isInteger(n) || n < 1) throw new Error(`TEST_SHARDS must be a whole number of runs, not "${env.TEST_SHARDS}"`);
    return n;
  }
  return Math.min(4, Math.max(2, cores));
}

/** The URL of shard `index`'s own database on the server `url` names: the same name, with `_shard<index>`. */
export function shardDatabaseUrl(url: string, index: number): string {
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname.replace(/\/$/, '') || '/postgres'}_shard${index}`;
  return parsed.toString();
}

/**
 * Creates each database `urls` names afresh (dropped first), owned by the role each URL signs in
 * as, through `adminUrl`'s superuser on the same server.
 */
export async function recreateDatabases(adminUrl: string, urls: readonly string[]): Promise<void> {
  // The server's maintenance database: the named ones need not exist.
  const admin = new URL(adminUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (const url of urls) {
      const { pathname, username } = new URL(url);
      const name = pg.escapeIdentifier(decodeURIComponent(pathname.slice(1)));
      await client.query(`drop database if exists ${name} with (force)`);
      await client.query(`create database ${name} owner ${pg.escapeIdentifier(decodeURIComponent(username))}`);
    }
  } finally {
    await client.end();
  }
}

function shardEnv(index: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEST_PORT_OFFSET: String(Number(process.env.TEST_PORT_OFFSET ?? 0) + (index - 1) * PORT_STRIDE),
  };
  if (process.env.TEST_DATABASE_URL) {
    env.TEST_DATABASE_URL = shardDatabaseUrl(process.env.TEST_DATABASE_URL, index);
    env.TEST_INSPECT_DATABASE_URL = shardDatabaseUrl(process.env.TEST_INSPECT_DATABASE_URL ?? process.env.TEST_DATABASE_URL, index);
  }
  return env;
}

/**
 * The runs whose tests the merged report would miss, as `i/n (exit code)`. Exit code 1 is a run with
 * failed tests (its report says which); anything else is a run that broke. vitest also exits with 1
 * when it cannot start (a port in use): such a run wrote no report, and merging the others' alone
 * would pass with its share of the tests never run.
 */
export function brokenRuns(runs: readonly { code: number | null; reported: boolean }[]): string[] {
  return runs.flatMap(({ code, reported }, i) => ((code === 0 || code === 1) && reported ? [] : [runLabel(i, runs.length, code)]));
}

/** A run as the messages name it: `i/n (exit code)`. */
const runLabel = (index: number, runs: number, code: number | null) => `${index + 1}/${runs} (exit ${code})`;

/**
 * The whole run's exit code: the merged report's, unless a run failed although the merged report
 * passed. Such a run failed outside its tests (its global setup, say), which no report holds, and
 * its share of the suite never ran.
 */
export function overallExitCode(runCodes: readonly (number | null)[], mergedCode: number): number {
  return mergedCode === 0 && runCodes.some((code) => code !== 0) ? 1 : mergedCode;
}

const blobOf = (index: number, shards: number) => join(reportsDir, `blob-${index}-${shards}.json`);

/** Runs one shard, its output prefixed with its number; resolves to its exit code. */
function runShard(index: number, shards: number, args: readonly string[]): Promise<number | null> {
  const child = spawn(
    vitest,
    [
      'run',
      `--shard=${index}/${shards}`,
      '--reporter=blob',
      `--outputFile.blob=${blobOf(index, shards)}`,
      '--reporter=./scripts/test/progress-reporter.ts',
      ...args,
    ],
    { cwd: root, env: shardEnv(index), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const prefix = `[${index}/${shards}] `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(prefix + line));
  }
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const { report, run, filters } = splitArgs(args);
  const shards = shardCount(process.env);
  if (shards === 1 || filters.length > 0) {
    return spawnSync(vitest, ['run', ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;
  }

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const shardUrls = Array.from({ length: shards }, (_, i) => shardDatabaseUrl(url, i + 1));
    await recreateDatabases(process.env.TEST_INSPECT_DATABASE_URL ?? url, shardUrls);
    // A server's roles are shared by its databases, and the migrations create one: runs migrating
    // at once would race to create it. Migrated here one after another, each run finds its done.
    for (const shardUrl of shardUrls) await runMigrations(shardUrl);
  }
  await rm(reportsDir, { recursive: true, force: true });
  console.log(`Running the suite as ${shards} parallel runs (TEST_SHARDS), each with its own ports and database.`);
  const codes = await Promise.all(Array.from({ length: shards }, (_, i) => runShard(i + 1, shards, run)));
  const broken = brokenRuns(codes.map((code, i) => ({ code, reported: existsSync(blobOf(i + 1, shards)) })));
  if (broken.length > 0) {
    console.error(`These runs ended without a report: ${broken.join(', ')}. Their output is above.`);
    return 1;
  }
  console.log('\nThe merged report of every run:');
  const merged = spawnSync(vitest, ['run', `--merge-reports=${reportsDir}`, ...report], { cwd: root, stdio: 'inherit' });
  const exitCode = overallExitCode(codes, merged.status ?? 1);
  if (exitCode !== (merged.status ?? 1)) {
    const failed = codes.flatMap((code, i) => (code === 0 ? [] : [runLabel(i, shards, code)]));
    console.error(
      `These runs failed outside their tests, which the merged report does not show: ${failed.join(', ')}. Their output is above.`,
    );
  }
  return exitCode;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(await main());
