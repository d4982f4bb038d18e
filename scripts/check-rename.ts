/**
 * Proves `npm run rename` leaves a working product: copies the repository to a scratch directory
 * (as check-removable.ts does), renames it to "Acme Cloud" at acme.test with another hue, checks a
 * second run changes nothing and that no old name is left outside history, then runs the type
 * checks, the linter and the tests of everything that names the product (mail, the API document,
 * configuration, the environments, setup and workflows). The repository itself is never written.
 *
 *   node scripts/check-rename.ts [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { copyTree, run } from './check-removable.ts';
import { root } from './stack.ts';

const tests = [
  'worker/modules/mail',
  'worker/app.test.ts',
  'worker/kernel/config.test.ts',
  'worker/kernel/mailer.test.ts',
  'worker/modules/members/invites.test.ts',
  'worker/modules/auth/enumeration.security.test.ts',
  'worker/modules/files/files.test.ts',
  'scripts/deploy',
  'scripts/setup',
  'scripts/rename',
];

async function leftovers(dir: string, path = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(dir, path), { withFileTypes: true })) {
    const child = path ? `${path}/${entry.name}` : entry.name;
    if (
      ['node_modules', 'migrations', 'decisions', '.git'].includes(entry.name) ||
      /^bench\/(results\.json|RESULTS\.md|PROFILE\.md)$/.test(child)
    )
      continue;
    if (entry.isDirectory()) found.push(...(await leftovers(dir, child)));
    else if (
      !/\.(png|ico|woff2?|wasm)$/.test(entry.name) &&
      child !== 'worker/kernel/secret-box.ts' &&
      /edge[-_ ]saas/i.test(await readFile(join(dir, child), 'utf8'))
    ) {
      found.push(child);
    }
  }
  return found;
}

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const scratch = await mkdtemp(join(tmpdir(), 'renamed-'));
let ok = false;
try {
  await copyTree(scratch);
  const node = join(root, 'node_modules/.bin/node');
  const rename = ['scripts/rename.ts', '--name', 'Acme Cloud', '--domain', 'acme.test', '--hue', '160'];
  ok = run('rename', scratch, node, rename);
  const again = ok ? spawnSync(node, rename, { cwd: scratch, encoding: 'utf8' }) : null;
  ok = ok && Boolean(again?.stdout.includes('nothing changed'));
  console.log(`${ok ? '✓' : '✗'} a second rename changes nothing`);
  const left = ok ? await leftovers(scratch) : [];
  if (left.length) console.log(`✗ the old name is left in:\n  ${left.join('\n  ')}`);
  ok = ok && left.length === 0;
  const steps: Array<[string, string, string[]]> = [
    ['typecheck (worker, web, scripts; wrangler types)', 'npm', ['run', 'typecheck']],
    ['lint (biome, boundaries, workflows, knip)', 'npm', ['run', 'lint']],
    ['tests that name the product', 'vitest', ['run', ...tests]],
  ];
  ok = ok && steps.every(([label, command, args]) => run(label, scratch, command, args));
  console.log(ok ? '\nThe renamed product typechecks, lints and passes its tests.' : '\nThe renamed product does not stand.');
} finally {
  if (values.keep) console.log(`Kept ${scratch}`);
  else await rm(scratch, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
