/**
 * Proves that the scaffolder writes working modules: copies the repository's files to a scratch
 * directory (as `check-removable.ts` does), runs `npm run new:module -- widgets` and
 * `npm run new:module -- gadgets --attachments` there, then the type checks, the linter (biome, the
 * import boundaries, knip), the web build and the tests of the new modules, of the registry, of the
 * database rules (RLS catalog, tenant isolation, security SQL) and of the schema drift there, once
 * for both. The repository itself is never written.
 *
 *   node scripts/check-scaffold.ts           # scaffold "widgets" and "gadgets" and check
 *   node scripts/check-scaffold.ts --keep    # leave the scratch copy for a look
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { copyTree, run } from './check-removable.ts';
import { root } from './stack.ts';

const name = 'widgets';
/** The same module with attachments, scaffolded beside it so both shapes are checked in one pass. */
const withAttachments = 'gadgets';
const tests = [
  `worker/modules/${name}`,
  `worker/modules/${withAttachments}`,
  'worker/modules/registry.test.ts',
  'worker/db',
  'scripts/schema-drift.test.ts',
  'scripts/security-sql.test.ts',
];

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const scratch = await mkdtemp(join(tmpdir(), `scaffold-${name}-`));
let ok = false;
try {
  await copyTree(scratch);
  const node = join(root, 'node_modules/.bin/node');
  const steps: Array<[string, string, string[]]> = [
    [`new:module -- ${name}`, node, ['scripts/new-module.ts', name]],
    [`new:module -- ${withAttachments} --attachments`, node, ['scripts/new-module.ts', withAttachments, '--attachments']],
    ['typecheck (worker)', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
    ['typecheck (web)', 'tsc', ['-p', 'web/tsconfig.json']],
    ['typecheck (scripts)', 'tsc', ['-p', 'scripts/tsconfig.json']],
    ['lint', 'biome', ['lint', '.']],
    ['format', 'biome', ['format', '.']],
    ['import boundaries', node, ['scripts/check-boundaries.ts']],
    ['the web app’s words from its catalogue', node, ['scripts/check-web-strings.ts']],
    ['unused files and exports (knip)', 'knip', ['--no-progress']],
    ['web build (the pages npm run dev serves)', node, ['node_modules/vite/bin/vite.js', 'build', 'web', '--logLevel', 'warn']],
    ['tests', 'vitest', ['run', ...tests]],
  ];
  // Stops at the first failure: nothing after a failed scaffold is worth running.
  ok = steps.every(([label, command, args]) => run(label, scratch, command, args));
  console.log(
    ok
      ? `\nThe scaffolded modules "${name}" and "${withAttachments}" (with attachments) typecheck, lint and pass their tests.`
      : '\nThe scaffolded modules do not stand.',
  );
} finally {
  if (values.keep) console.log(`Kept ${scratch}`);
  else await rm(scratch, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
