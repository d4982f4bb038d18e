/**
 * Size budgets (budgets.json), checked deterministically on build outputs: the worker's eagerly
 * evaluated code, the whole worker upload, and the web app's first-load JavaScript (gzip). Fails,
 * naming each budget exceeded and by how much, when one grew past its limit.
 *
 *   npm run check:budgets             # reuses the dry run's output and web/dist when present (CI, after the builds)
 *   npm run check:budgets -- --build  # builds them first (npm run deploy:dry)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultOutdir, metafileOf } from './build-worker.ts';
import { eagerBytes, importersOf } from './bundle-size.ts';
import { root } from './stack.ts';
import { firstLoad } from './web-first-load.ts';

interface Budget {
  limit: number;
  /** What was measured when the limit was set (the limit is that plus 10 %). */
  measured: number;
}
type Budgets = Record<'workerEagerBytes' | 'workerTotalBytes' | 'webFirstLoadJsGzipBytes', Budget>;

const dryRun = join(root, '.wrangler/dry-run');
// What the deploy build (scripts/build-worker.ts, run by the dry run) wrote of its inputs.
const metafile = metafileOf(defaultOutdir);
const webDist = join(root, 'web/dist');

const { values } = parseArgs({ options: { build: { type: 'boolean' } } });
if (values.build || !existsSync(metafile) || !existsSync(join(webDist, 'index.html'))) {
  const built = spawnSync('npm', ['run', 'deploy:dry'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// The upload: every module wrangler wrote (source maps and the metafile are not uploaded).
const uploaded = readdirSync(dryRun).filter((f) => !f.endsWith('.map') && f !== 'README.md');
const measured: Record<keyof Budgets, number> = {
  workerEagerBytes: eagerBytes(metafile).eager,
  workerTotalBytes: uploaded.reduce((sum, f) => sum + statSync(join(dryRun, f)).size, 0),
  webFirstLoadJsGzipBytes: (await firstLoad(webDist)).js.gzipBytes,
};
const labels: Record<keyof Budgets, string> = {
  workerEagerBytes: 'worker code evaluated at start-up',
  workerTotalBytes: 'worker upload, every module',
  webFirstLoadJsGzipBytes: 'web app first-load JavaScript, gzip',
};

const budgets = JSON.parse(readFileSync(join(root, 'budgets.json'), 'utf8')) as Budgets & { $comment?: string };
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
let over = 0;
for (const key of Object.keys(labels) as Array<keyof Budgets>) {
  const { limit, measured: atSetting } = budgets[key];
  const now = measured[key];
  const grew = now - atSetting;
  const line = `${labels[key]}: ${kib(now)} of ${kib(limit)} (${grew >= 0 ? '+' : ''}${kib(grew)} since the budget was set at ${kib(atSetting)})`;
  if (now > limit) {
    over++;
    console.error(`OVER  ${line}`);
  } else {
    console.log(`ok    ${line}`);
  }
}
// wrangler.toml's [alias] swaps zod's locale index for its English locale by the specifier zod
// writes ("../locales/index.js"): a file of another package importing the same specifier would get
// it too, so the build is refused when anything but zod resolves through it.
const localeStandIn = 'worker/kernel/zod-english-locale.ts';
const strangers = importersOf(metafile, localeStandIn).filter((file) => !file.startsWith('node_modules/zod/'));
if (strangers.length > 0) {
  over++;
  console.error(
    `OVER  ${localeStandIn} stands in for zod's locales only, yet ${strangers.join(', ')} import it: narrow the alias in wrangler.toml`,
  );
}
if (over > 0) {
  console.error(
    '\nA budget is exceeded. Load what only some routes need with import() at the point of use (ARCHITECTURE.md, Start-up), or raise the budget in budgets.json deliberately, saying why in the commit.',
  );
  process.exit(1);
}
