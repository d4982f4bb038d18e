/**
 * `npm run flags`: the operator's view and switch of feature flags (docs/decisions/073-feature-flags.md).
 *
 *   npm run flags                                               every declared flag and its defaults
 *   npm run flags -- --workspace acme                           each flag in workspace acme, with its overrides
 *   npm run flags -- set projects.csv-import off --workspace acme
 *   npm run flags -- set projects.csv-import on --workspace acme --person ada@example.com
 *   npm run flags -- clear projects.csv-import --workspace acme [--person ada@example.com]
 *
 * A person's override beats the workspace's, which beats the environment's default. Every change is
 * written with an entry in the workspace's audit log. DATABASE_URL names the database; unset, the
 * local one (scripts/local-database.ts).
 */
import { parseArgs } from 'node:util';
import { type Catalogue, changeOverride, type DeclaredFlag, declaredFlags, FlagChangeRefused, flagsInWorkspace } from './flags-lib.ts';
import { withDatabase } from './local-database.ts';

const usage = `Usage:
  npm run flags [-- --workspace <slug>]
  npm run flags -- set <flag> on|off --workspace <slug> [--person <email>]
  npm run flags -- clear <flag> --workspace <slug> [--person <email>]`;

const describeDefaults = (defaults: DeclaredFlag['defaults']) =>
  Object.entries(defaults)
    .map(([env, value]) => `${env} ${typeof value === 'boolean' ? (value ? 'on' : 'off') : `${value.percent} % of workspaces`}`)
    .join(', ');

const onOff = (value: boolean) => (value ? 'on' : 'off');

const describeFlag = (name: string, flag: DeclaredFlag) => `${name}: ${flag.summary}\n  defaults: ${describeDefaults(flag.defaults)}`;

function printCatalogue(catalogue: Catalogue): void {
  const flags = Object.entries(catalogue);
  if (flags.length === 0) console.log('No module declares a feature flag.');
  for (const [name, flag] of flags) console.log(describeFlag(name, flag));
}

async function printWorkspace(catalogue: Catalogue, slug: string): Promise<void> {
  const flags = await withDatabase((url) => flagsInWorkspace(url, catalogue, slug));
  for (const flag of flags) {
    console.log(describeFlag(flag.flag, flag));
    console.log(`  workspace ${slug}: ${flag.workspace === null ? 'no override' : onOff(flag.workspace)}`);
    for (const person of flag.people) console.log(`  ${person.email}: ${onOff(person.enabled)}`);
  }
}

function parseValue(value: string | undefined): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new FlagChangeRefused(`Say "on" or "off", not "${value ?? ''}"`);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { workspace: { type: 'string' }, person: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(usage);
  const [command, flag, value] = positionals;
  const catalogue = await declaredFlags();
  if (command === undefined) {
    return values.workspace ? printWorkspace(catalogue, values.workspace) : printCatalogue(catalogue);
  }
  if ((command !== 'set' && command !== 'clear') || !flag || !values.workspace) throw new FlagChangeRefused(usage);
  const enabled = command === 'set' ? parseValue(value) : null;
  const change = { flag, workspace: values.workspace, person: values.person, enabled };
  const changed = await withDatabase((url) => changeOverride(url, catalogue, change));
  const who = values.person ? `${values.person} in ${values.workspace}` : `workspace ${values.workspace}`;
  const what = enabled === null ? 'override cleared' : `turned ${onOff(enabled)}`;
  console.log(changed ? `${flag}: ${what} for ${who}.` : `${flag}: already so for ${who}; nothing changed.`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof FlagChangeRefused ? error.message : `The flags could not be changed: ${String(error)}`);
  process.exitCode = 1;
}
