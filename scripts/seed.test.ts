import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, seedDemo } from './seed-lib.ts';
import { migratedDatabase } from './test/migrated-database.ts';

let database: Awaited<ReturnType<typeof migratedDatabase>>;

beforeAll(async () => {
  database = await migratedDatabase();
}, 120_000);
afterAll(() => database?.close());

const select = <T>(query: string, values: unknown[] = []) => database.select<T>(query, values);

/** The number of rows of every table in the public schema, by table. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await select<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (await select<{ n: number }>(`select count(*)::int as n from "${name}"`))[0]?.n ?? 0;
  return counts;
}

describe('npm run db:seed', () => {
  it('creates the README’s demo account with its address verified, owning the demo workspace', async () => {
    const result = await seedDemo(database.url);
    expect(result.skipped).toBeUndefined();
    expect(result.inserted).toBe(3);

    const users = await select<{ email: string; verified: boolean }>(
      `select email, email_verified_at is not null as verified from "user" where email = $1`,
      [demo.email],
    );
    expect(users).toEqual([{ email: demo.email, verified: true }]);
    const owners = await select<{ role: string }>(
      `select m.role from membership m join workspace w on w.id = m.workspace_id join "user" u on u.id = m.user_id
        where w.slug = $1 and u.email = $2`,
      [demo.workspaceSlug, demo.email],
    );
    expect(owners).toEqual([{ role: 'owner' }]);
  }, 120_000);

  it('changes nothing when run again, the modules’ sample data included', async () => {
    const before = await rowCounts();
    expect(await seedDemo(database.url)).toEqual({ inserted: 0 });
    expect(await rowCounts()).toEqual(before);
  }, 120_000);
});
