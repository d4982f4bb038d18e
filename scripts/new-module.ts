/**
 * Writes a product module in the shape of the sample `projects`: `npm run new:module -- <name>`,
 * with a plural noun in kebab-case (`invoices`, `purchase-orders`).
 *
 * - `worker/modules/<name>/`: manifest, table, permissions, id prefix, schema, routes, service,
 *   repo, isolation cases and a CRUD test, from the templates in `scripts/new-module/templates/`;
 * - the migrations: `drizzle-kit generate` for the table, then a custom one that enables and forces
 *   row-level security and grants the request role; `worker/db/security.sql` is rebuilt from them;
 * - its line in `worker/modules/registry.ts`;
 * - `web/src/features/<name>/`: navigation link, list with empty state, create, edit and delete;
 * - its sentences at the end of `web/src/locales/en.ts` (the pages say them with t()).
 *
 * `--attachments` also links files of the workspace to the rows, as the sample does
 * (docs/decisions/061): the link table (`attachmentTable` of the files module) in the same migration,
 * its forced RLS, file reference and grants in the custom one, the list/attach/detach routes, their
 * isolation cases and tests, all through the files module's one implementation.
 *
 * Every check runs before the first write; when a step fails, what was written is removed and the
 * files it changed are restored.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type ModuleNames,
  type ModuleOptions,
  moduleNames,
  nameProblem,
  prefixCandidates,
  render,
  withOptions,
} from './new-module/names.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const templates = join(root, 'scripts/new-module/templates');
const registryPath = join(root, 'worker/modules/registry.ts');
const migrationsDir = join(root, 'migrations');
const securitySqlPath = join(root, 'worker/db/security.sql');
const cataloguePath = join(root, 'web/src/locales/en.ts');

class Refused extends Error {}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function read(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** Every id prefix in use: the platform's table and each module's `publicIdKind(…, '<prefix>')`. */
async function usedPrefixes(): Promise<Set<string>> {
  const used = new Set<string>();
  const ids = await read(join(root, 'worker/kernel/ids.ts'));
  const table = ids.slice(ids.indexOf('export const idPrefixes'), ids.indexOf('} as const'));
  for (const [, prefix] of table.matchAll(/:\s*'([a-z]+)'/g)) used.add(prefix as string);
  for (const file of await filesUnder(join(root, 'worker/modules'))) {
    if (!file.endsWith('.ts')) continue;
    for (const [, prefix] of (await read(file)).matchAll(/publicIdKind\(\s*'[^']*',\s*'([a-z]+)'\s*\)/g)) used.add(prefix as string);
  }
  return used;
}

/** The tables of the current schema: the core's and every module's. */
async function tableNames(): Promise<Set<string>> {
  const files = [
    join(root, 'worker/db/schema.ts'),
    ...(await filesUnder(join(root, 'worker/modules'))).filter((f) => f.endsWith('.tables.ts')),
  ];
  const names = new Set<string>();
  for (const file of files) for (const [, table] of (await read(file)).matchAll(/pgTable\(\s*'([a-z_0-9]+)'/g)) names.add(table as string);
  return names;
}

/** Permission actions already declared (`'<item>:read'`), by their noun. */
async function actionNouns(): Promise<Set<string>> {
  const nouns = new Set<string>();
  for (const file of (await filesUnder(join(root, 'worker/modules'))).filter((f) => f.endsWith('.permissions.ts'))) {
    for (const [, noun] of (await read(file)).matchAll(/'([a-z-]+):[a-z-]+'\s*:/g)) nouns.add(noun as string);
  }
  return nouns;
}

/** Everything that would stop the module from being written, checked before anything is. */
async function plan(name: string | undefined, options: ModuleOptions): Promise<ModuleNames & { prefix: string }> {
  const problem = nameProblem(name);
  if (problem || !name) throw new Refused(problem ?? 'No name');
  const names = moduleNames(name);
  for (const folder of [`worker/modules/${name}`, `web/src/features/${name}`]) {
    if (existsSync(join(root, folder))) throw new Refused(`A module named "${name}" exists already (${folder}).`);
  }
  const tables = await tableNames();
  for (const table of [names.item_table, ...(options.attachments ? [`${names.item_table}_attachment`] : [])]) {
    if (tables.has(table)) throw new Refused(`A table named "${table}" exists already: pick another name.`);
  }
  if ((await actionNouns()).has(names.item)) throw new Refused(`Permission actions "${names.item}:…" exist already: pick another name.`);
  const used = await usedPrefixes();
  const prefix = prefixCandidates(names.item).find((candidate) => !used.has(candidate));
  if (!prefix) throw new Refused(`Every id prefix derived from "${names.item}" is taken: pick another name.`);
  if (!(await read(registryPath)).includes('\nexport { '))
    throw new Refused('worker/modules/registry.ts has no module lines to insert beside.');
  return { ...names, prefix };
}

/** The registry with the module's line, among the others in the order of their export names. */
export function withModuleLine(registry: string, names: ModuleNames): string {
  const exportName = `${names.itemsVar}Module`;
  const line = `export { ${exportName} } from './${names.items}/${names.items}.module.ts';\n`;
  const lines = [...registry.matchAll(/^export \{ (\w+) \} from .*\n/gm)];
  const after = lines.find((m) => (m[1] as string) > exportName);
  const last = lines.at(-1);
  if (after) return registry.slice(0, after.index) + line + registry.slice(after.index);
  if (!last) throw new Error('The registry has no module lines');
  const end = last.index + last[0].length;
  return registry.slice(0, end) + line + registry.slice(end);
}

/** The English catalogue with the module's sentences added at its end (its pages say them with t()). */
export function withCatalogueBlock(catalogue: string, block: string): string {
  const end = catalogue.lastIndexOf('\n} as const;');
  if (end < 0) throw new Error('web/src/locales/en.ts has no `} as const;` to add the module’s sentences before');
  return `${catalogue.slice(0, end)}\n${block.trimEnd()}${catalogue.slice(end)}`;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

function rlsMigration(names: ModuleNames, options: ModuleOptions): string {
  const table = `"${names.item_table}"`;
  const rows = `-- ${names.Items_title}: a tenant table. Row-level security is forced, so even the owner role sees only
-- what the policy allows; the request role reads, creates and updates rows (deletion is soft).
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON ${table} TO app_request;
`;
  if (!options.attachments) return rows;
  const links = `"${names.item_table}_attachment"`;
  return `${rows.trimEnd()}--> statement-breakpoint
-- Files of the workspace attached to ${names.a_item_words} (docs/decisions/061): forced like every tenant
-- table; the file is referenced with its workspace, so a link names only a file of its own workspace
-- and goes with the file. The request role lists, attaches and detaches.
ALTER TABLE ${links} FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE ${links} ADD CONSTRAINT "${names.item_table}_attachment_file_fk" FOREIGN KEY ("workspace_id", "file_id") REFERENCES "public"."file"("workspace_id", "id") ON DELETE CASCADE;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON ${links} TO app_request;
`;
}

async function newMigrationFiles(before: Set<string>): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql') && !before.has(f)).sort();
}

async function writeModule(names: ModuleNames & { prefix: string }, options: ModuleOptions): Promise<string[]> {
  const written: string[] = [];
  const targets: Array<[string, string]> = [
    ['worker', `worker/modules/${names.items}`],
    ['web', `web/src/features/${names.items}`],
    ...(options.attachments ? [['attachments/worker', `worker/modules/${names.items}`] as [string, string]] : []),
  ];
  for (const [from, to] of targets) {
    for (const template of await filesUnder(join(templates, from))) {
      const target = join(root, to, render(relative(join(templates, from), template), names).replace(/\.tpl$/, ''));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, render(withOptions(await read(template), options), names));
      written.push(relative(root, target));
    }
  }
  return written;
}

export async function newModule(name: string | undefined, options: ModuleOptions = { attachments: false }): Promise<void> {
  const names = await plan(name, options);
  const saved = new Map<string, string>();
  for (const path of [registryPath, cataloguePath, join(migrationsDir, 'meta/_journal.json'), securitySqlPath])
    saved.set(path, await read(path));
  const migrationsBefore = new Set(await readdir(migrationsDir));
  const snapshotsBefore = new Set(await readdir(join(migrationsDir, 'meta')));
  try {
    const written = await writeModule(names, options);
    await writeFile(registryPath, withModuleLine(await read(registryPath), names));
    const sentences = render(await read(join(templates, 'catalogue.en.tpl')), names);
    await writeFile(cataloguePath, withCatalogueBlock(await read(cataloguePath), sentences));
    const snake = names.items.replaceAll('-', '_');
    run('drizzle-kit', ['generate', '--name', snake]);
    const [tableMigration] = await newMigrationFiles(migrationsBefore);
    if (!tableMigration || !(await read(join(migrationsDir, tableMigration))).includes(`CREATE TABLE "${names.item_table}"`)) {
      throw new Error(`drizzle-kit generate wrote no migration creating "${names.item_table}"`);
    }
    run('drizzle-kit', ['generate', '--custom', '--name', `${snake}_rls`]);
    const rls = (await newMigrationFiles(migrationsBefore)).find((f) => f !== tableMigration);
    if (!rls) throw new Error('drizzle-kit generate --custom wrote no migration');
    await writeFile(join(migrationsDir, rls), rlsMigration(names, options));
    run(process.execPath, ['scripts/security-sql.ts', '--write']);
    // The templates are laid out by hand; the project's formatter has the last word on what they became.
    run('biome', [
      'format',
      '--write',
      `worker/modules/${names.items}`,
      `web/src/features/${names.items}`,
      'worker/modules/registry.ts',
      'web/src/locales/en.ts',
    ]);

    const extras = options.attachments ? ', with attachments' : '';
    console.log(`Wrote the module "${names.items}" (id prefix ${names.prefix}_${extras}):`);
    for (const file of [
      ...written,
      'worker/modules/registry.ts',
      'web/src/locales/en.ts',
      `migrations/${tableMigration}`,
      `migrations/${rls}`,
      'worker/db/security.sql',
    ]) {
      console.log(`  ${file}`);
    }
    console.log(`Next: npm run db:migrate, then npm run dev shows its pages; npx vitest run worker/modules/${names.items}`);
  } catch (error) {
    await rm(join(root, 'worker/modules', names.items), { recursive: true, force: true });
    await rm(join(root, 'web/src/features', names.items), { recursive: true, force: true });
    for (const file of await newMigrationFiles(migrationsBefore)) await rm(join(migrationsDir, file), { force: true });
    for (const file of await readdir(join(migrationsDir, 'meta'))) {
      if (!snapshotsBefore.has(file)) await rm(join(migrationsDir, 'meta', file), { force: true });
    }
    for (const [path, text] of saved) await writeFile(path, text);
    throw error;
  }
}

/** `<name> [--attachments]`; an unknown option is refused before anything is written. */
function parseCommandLine(args: string[]) {
  try {
    return parseArgs({ args, options: { attachments: { type: 'boolean', default: false } }, allowPositionals: true });
  } catch (error) {
    throw new Refused(`${(error as Error).message}. Usage: npm run new:module -- <name> [--attachments].`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { positionals, values } = parseCommandLine(process.argv.slice(2));
    await newModule(positionals[0], { attachments: values.attachments });
  } catch (error) {
    console.error(error instanceof Refused ? `new:module: ${error.message} Nothing was written.` : error);
    if (!(error instanceof Refused)) console.error('new:module: the step failed; what it had written was removed.');
    process.exit(1);
  }
}
