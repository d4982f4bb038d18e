import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { root } from './stack.ts';

const workdir = await mkdtemp(join(tmpdir(), 'schema-drift-'));
afterAll(() => rm(workdir, { recursive: true, force: true }));

/** The core tables and every module's own, as drizzle.config.ts lists them. */
const schemaGlob = 'worker/{db/schema.ts,modules/*/*.tables.ts}';

/**
 * `worker/db/schema.ts`, each module's `<m>.tables.ts` and the committed migrations must describe the same database: a table or
 * column added to the schema without `npm run db:generate` (or a migration edited by hand) fails here.
 * drizzle-kit runs on a copy of migrations/, so nothing in the repository is written.
 */
it('the schema has no change that a migration does not already carry', async () => {
  await cp(join(root, 'migrations'), join(workdir, 'migrations'), { recursive: true });
  const before = await readdir(join(workdir, 'migrations'));
  const result = spawnSync(
    join(root, 'node_modules/.bin/drizzle-kit'),
    ['generate', '--dialect', 'postgresql', '--schema', join(root, schemaGlob), '--out', 'migrations'],
    { cwd: workdir, encoding: 'utf8', env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` } },
  );
  expect(result.status, result.stderr).toBe(0);
  expect(await readdir(join(workdir, 'migrations'))).toEqual(before);
  expect(result.stdout).toContain('No schema changes');
});
