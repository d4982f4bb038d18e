/**
 * `npm run rename -- --name "Acme" --domain acme.com [--slug acme] [--hue 160]`: renames the product
 * everywhere (scripts/rename/rename-lib.ts says what and what not). Running it again changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Identity, identityFile, identityProblem, renameTree, slugOf } from './rename/rename-lib.ts';
import { root } from './stack.ts';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    domain: { type: 'string' },
    slug: { type: 'string' },
    hue: { type: 'string' },
    root: { type: 'string' },
  },
});
const at = values.root ?? root;
const current = JSON.parse(await readFile(join(at, identityFile), 'utf8')) as Identity;
if (!values.name || !values.domain) {
  console.error('Usage: npm run rename -- --name "Acme" --domain acme.com [--slug acme] [--hue 0-360]');
  process.exit(1);
}
const to: Identity = {
  name: values.name.trim(),
  slug: values.slug ?? slugOf(values.name),
  domain: values.domain.toLowerCase(),
  hue: values.hue === undefined ? current.hue : Number(values.hue),
};
const problem = identityProblem(to);
if (problem) {
  console.error(`Cannot rename: ${problem}.`);
  process.exit(1);
}
const changed = await renameTree(at, to);
if (changed.includes('wrangler.toml')) {
  // worker-configuration.d.ts carries a hash of wrangler.toml, checked by npm run typecheck
  const types = spawnSync(
    process.execPath,
    [join(at, 'node_modules/wrangler/bin/wrangler.js'), 'types', '--strict-vars=false', '--env-file', '.dev.vars.example'],
    {
      cwd: at,
      stdio: 'ignore',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
  if (types.status !== 0) console.error('wrangler types failed: run npm run cf-typegen.');
}
console.log(
  changed.length
    ? `Renamed ${current.name} to ${to.name} in ${changed.length} files:\n  ${changed.join('\n  ')}`
    : `Already ${to.name}: nothing changed.`,
);
