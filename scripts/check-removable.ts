/**
 * Proves that the product can be renamed and a product module removed, together: copies the
 * repository's files (`git ls-files`, so exactly what a clone has, plus files not yet committed) to
 * a scratch directory, renames the product there (`npm run rename -- --name Acme --domain acme.com
 * --hue 160`), runs the rename again and fails if that changes any file or if the old name is left
 * outside history, then deletes the module's folders (`worker/modules/<name>/`,
 * `web/src/features/<name>/`) and its one line in `worker/modules/registry.ts`, generates the
 * migration that drops its tables (`drizzle-kit generate`, as `npm run db:generate` would),
 * rebuilds `worker/db/security.sql` from the migrations and `docs/openapi.json` from the app, then runs the type checks, the linter, the
 * import boundaries, the web build, the whole test suite and the browser scenarios there. One
 * scratch copy and one full run prove both (ADR 064). The repository itself is never written.
 *
 *   node scripts/check-removable.ts                      # rename, the sample module, every check, the whole suite, every scenario
 *   node scripts/check-removable.ts --module invoices     # another module
 *   node scripts/check-removable.ts --name "Beta Works" --domain beta.test --hue 20   # another new identity
 *   node scripts/check-removable.ts --keep-name           # no rename
 *   node scripts/check-removable.ts --tests worker/db     # only these test paths
 *   node scripts/check-removable.ts --tests none          # no tests
 *   node scripts/check-removable.ts --e2e members         # only the browser scenarios whose file name contains it
 *   node scripts/check-removable.ts --e2e none            # no browser scenarios
 *   node scripts/check-removable.ts --keep                # leave the scratch copy for a look
 *   node scripts/check-removable.ts --database-url postgres://…/scratch --inspect-database-url postgres://…/scratch
 *                                                          # the copy's tests on a PostgreSQL server (CI)
 *
 * The copy runs on embedded PGlite and on ports of its own, so it can run beside `npm test`, `npm run
 * test:e2e` and `npm run dev`: TEST_PORT_OFFSET (default 300) and E2E_PORT, E2E_DB_SERVER_PORT,
 * E2E_PGLITE_PORT (default 8899, 5690, 5691) choose them. A PostgreSQL server is used only when named
 * by `--database-url`, never through TEST_DATABASE_URL: the copy's migrations drop the module's
 * tables, so its database must be one of its own.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { changedBetween, type Identity, identityFile, leftovers, treeDigest } from './rename/rename-lib.ts';
import { root } from './stack.ts';
import { recreateDatabases } from './test/run.ts';

export const registryPath = 'worker/modules/registry.ts';

/** The registry without the module's line; throws when the module has no line of its own. */
export function withoutModuleLine(registry: string, name: string): string {
  const line = new RegExp(`^export \\{ \\w+ \\} from '\\./${name}/${name}\\.module\\.ts';\\n`, 'm');
  if (!line.test(registry)) throw new Error(`${registryPath} has no line for the module "${name}"`);
  return registry.replace(line, '');
}

/** The folders a module owns: its worker module and, when it has one, its web feature. */
export const moduleFolders = (name: string) => [`worker/modules/${name}`, `web/src/features/${name}`];

export function run(label: string, cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...env, PATH: `${join(cwd, 'node_modules/.bin')}:${env.PATH}` },
  });
  const ok = result.status === 0;
  // The duration, so a slow CI run shows which stage of the copy's checks took its time.
  console.log(`${ok ? '✓' : '✗'} ${label} (${Math.round((performance.now() - started) / 1000)} s)`);
  return ok;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

// What .gitignore leaves out, for a tree that is not a git checkout (a scratch copy made here).
const ignoredDirs = new Set(['.git', 'node_modules', '.data', '.wrangler', 'dist', '.astro', 'coverage', '.ci/out', '.vitest-reports']);
const isIgnoredFile = (name: string) => name === '.dev.vars' || name.endsWith('.log');

/** The repository's tracked and new files (`git ls-files`); in a copy without `.git`, its files but what .gitignore leaves out. */
async function repositoryFiles(): Promise<string[]> {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  if (listed.status === 0) return listed.stdout.split('\0').filter(Boolean);
  if (await exists(join(root, '.git'))) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !ignoredDirs.has(entry.name) && !ignoredDirs.has(path)) await walk(path);
      else if (entry.isFile() && !isIgnoredFile(entry.name)) files.push(path);
    }
  };
  await walk('');
  return files;
}

/** Copies the tracked and new files of the repository to `target`; node_modules is linked, not copied. */
export async function copyTree(target: string): Promise<void> {
  for (const file of await repositoryFiles()) {
    const from = join(root, file);
    if (!(await exists(from))) continue; // deleted in the working tree, not yet committed
    await mkdir(dirname(join(target, file)), { recursive: true });
    await cp(from, join(target, file));
  }
  await symlink(join(root, 'node_modules'), join(target, 'node_modules'), 'dir');
}

/** A PostgreSQL database of the copy's own: the owner role's URL, and a superuser's for the tests that inspect locks. */
export type ScratchDatabase = { url: string; inspectUrl: string };

/**
 * The environment of the copy's tests and scenarios: its own ports, and embedded PGlite, never a
 * PostgreSQL server named by TEST_DATABASE_URL (the copy's migrations drop the module's tables).
 */
function scratchEnv(env: NodeJS.ProcessEnv, database: ScratchDatabase | null): NodeJS.ProcessEnv {
  const { TEST_DATABASE_URL: _server, TEST_INSPECT_DATABASE_URL: _inspect, ...rest } = env;
  return {
    ...rest,
    ...(database ? { TEST_DATABASE_URL: database.url, TEST_INSPECT_DATABASE_URL: database.inspectUrl } : {}),
    TEST_PORT_OFFSET: env.TEST_PORT_OFFSET || '300',
    E2E_PORT: env.E2E_PORT || '8899',
    E2E_DB_SERVER_PORT: env.E2E_DB_SERVER_PORT || '5690',
    E2E_PGLITE_PORT: env.E2E_PGLITE_PORT || '5691',
  };
}

/** The identity the copy is renamed to unless told otherwise: `npm run rename -- --name "Acme" --domain acme.com`, with another hue. */
const scratchIdentity: Omit<Identity, 'slug'> = { name: 'Acme', domain: 'acme.com', hue: 160 };

const renameArgs = (to: Omit<Identity, 'slug'>) => ['--name', to.name, '--domain', to.domain, '--hue', String(to.hue)];

/**
 * Renames the copy twice, by default with its own `scripts/rename.ts`: the second run must change
 * no file, and no file outside history may still name the product's old identity.
 */
export async function renameCopy(
  scratch: string,
  to: Omit<Identity, 'slug'>,
  renameOnce = (label: string): boolean | Promise<boolean> =>
    run(label, scratch, join(root, 'node_modules/.bin/node'), ['scripts/rename.ts', ...renameArgs(to)]),
): Promise<boolean> {
  const from = JSON.parse(await readFile(join(scratch, identityFile), 'utf8')) as Identity;
  if (!(await renameOnce(`rename ${from.name} to ${to.name}`))) return false;
  const renamed = await treeDigest(scratch);
  if (!(await renameOnce('rename again'))) return false;
  const changed = changedBetween(renamed, await treeDigest(scratch));
  console.log(changed.length ? `✗ a second rename changed:\n  ${changed.join('\n  ')}` : '✓ a second rename changes nothing');
  const left = await leftovers(scratch, from);
  console.log(left.length ? `✗ "${from.name}" is left in:\n  ${left.join('\n  ')}` : `✓ "${from.name}" is left only in history`);
  return changed.length === 0 && left.length === 0;
}

export async function checkRemovable(options: {
  name: string;
  rename: Omit<Identity, 'slug'> | null;
  tests: string;
  e2e: string;
  keep: boolean;
  database: ScratchDatabase | null;
}): Promise<boolean> {
  const scratch = await mkdtemp(join(tmpdir(), `without-${options.name}-`));
  try {
    // A database of the copy's own, empty: its migrations are the module's and then the drop.
    if (options.database) await recreateDatabases(options.database.inspectUrl, [options.database.url]);
    await copyTree(scratch);
    if (options.rename && !(await renameCopy(scratch, options.rename))) return false;
    const registry = await readFile(join(scratch, registryPath), 'utf8');
    await writeFile(join(scratch, registryPath), withoutModuleLine(registry, options.name));
    for (const folder of moduleFolders(options.name)) await rm(join(scratch, folder), { recursive: true, force: true });
    console.log(`Removed ${moduleFolders(options.name).join(', ')} and its line in ${registryPath}, in ${scratch}`);
    if (
      !run('migration dropping its tables', scratch, 'drizzle-kit', ['generate', '--name', `drop_${options.name.replaceAll('-', '_')}`])
    ) {
      return false;
    }

    const node = join(root, 'node_modules/.bin/node');
    // The security functions' one current copy, as the migrations (the drop included) now leave them.
    if (!run('security SQL rebuilt from the migrations', scratch, node, ['scripts/security-sql.ts', '--write'])) return false;
    // The API's committed description, without the module's routes and schemas, as `npm run check` expects it.
    if (!run('OpenAPI document regenerated', scratch, node, ['scripts/openapi-doc.ts', '--write'])) return false;
    // CI's type checks and linter, knip aside: the platform's services that only the removed module
    // called (files, job records, form fields) are rightly unused in the copy, and stay for the next module.
    const checks: Array<[string, string, string[]]> = [
      ['typecheck (wrangler types, worker, web, scripts)', 'npm', ['run', 'typecheck']],
      ['lint', 'biome', ['lint', '.']],
      ['format', 'biome', ['format', '.']],
      ['import boundaries', node, ['scripts/check-boundaries.ts']],
      ['web strings', node, ['scripts/check-web-strings.ts']],
      ['workflows', node, ['scripts/check-workflows.ts']],
      ['web build', node, ['node_modules/vite/bin/vite.js', 'build', 'web', '--logLevel', 'warn']],
    ];
    if (options.tests !== 'none') {
      checks.push(['tests', node, ['scripts/test/run.ts', ...(options.tests === 'all' ? [] : options.tests.split(','))]]);
    }
    if (options.e2e !== 'none') checks.push(['browser scenarios', node, ['e2e/run.ts']]);
    const base = { ...process.env, ...(options.e2e === 'all' || options.e2e === 'none' ? {} : { E2E_ONLY: options.e2e }) };
    // The tests go to the named server; the browser scenarios, like `npm run test:e2e`, to embedded PGlite.
    const envFor = (label: string) => scratchEnv(base, label === 'tests' ? options.database : null);
    const failed = checks.filter(([label, command, args]) => !run(label, scratch, command, args, envFor(label))).map(([label]) => label);
    const renamed = options.rename ? `renamed to "${options.rename.name}" and ` : '';
    console.log(failed.length ? `\nNot removable: ${failed.join(', ')} failed.` : `\nThe app stands ${renamed}without "${options.name}".`);
    return failed.length === 0;
  } finally {
    if (options.keep) console.log(`Kept ${scratch}`);
    else await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      module: { type: 'string', default: 'projects' },
      name: { type: 'string', default: scratchIdentity.name },
      domain: { type: 'string', default: scratchIdentity.domain },
      hue: { type: 'string', default: String(scratchIdentity.hue) },
      'keep-name': { type: 'boolean', default: false },
      tests: { type: 'string', default: 'all' },
      e2e: { type: 'string', default: 'all' },
      keep: { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'inspect-database-url': { type: 'string' },
    },
  });
  const databaseUrl = values['database-url'];
  const ok = await checkRemovable({
    name: values.module,
    rename: values['keep-name'] ? null : { name: values.name, domain: values.domain, hue: Number(values.hue) },
    tests: values.tests,
    e2e: values.e2e,
    keep: values.keep,
    database: databaseUrl ? { url: databaseUrl, inspectUrl: values['inspect-database-url'] ?? databaseUrl } : null,
  });
  process.exit(ok ? 0 : 1);
}
