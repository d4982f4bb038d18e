import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalogue, changeOverride, declaredFlags, flagsInWorkspace } from './flags-lib.ts';
import { demo, seedDemo } from './seed-lib.ts';
import { migratedDatabase } from './test/migrated-database.ts';

let database: Awaited<ReturnType<typeof migratedDatabase>>;
let catalogue: Catalogue;
const flag = 'audit.exports';

beforeAll(async () => {
  database = await migratedDatabase();
  await seedDemo(database.url);
  catalogue = await declaredFlags();
}, 120_000);
afterAll(() => database?.close());

const select = <T>(query: string, values: unknown[] = []) => database.select<T>(query, values);

const overrides = () =>
  select<{ person_id: string | null; enabled: boolean }>(
    'select person_id, enabled from flag_override where flag = $1 order by person_id nulls first',
    [flag],
  );
const auditEntries = () =>
  select<{ action: string; actor_type: string; actor_id: string; target_id: string; metadata: unknown }>(
    `select action, actor_type, actor_id, target_id, metadata from audit_log where target_type = 'flag' order by id`,
  );

describe('npm run flags', () => {
  it('knows the flags the modules declare', () => {
    expect(catalogue[flag]).toMatchObject({ summary: 'Exporting the audit log', defaults: { production: true } });
  });

  it('sets an override for a workspace and for a member, each once, with an audit entry per change', async () => {
    const url = database.url;
    expect(await changeOverride(url, catalogue, { flag, workspace: demo.workspaceSlug, enabled: false })).toBe(true);
    expect(await changeOverride(url, catalogue, { flag, workspace: demo.workspaceSlug, enabled: false })).toBe(false);
    expect(
      await changeOverride(url, catalogue, { flag, workspace: demo.workspaceSlug, person: demo.email.toUpperCase(), enabled: true }),
    ).toBe(true);

    const [demoUser] = await select<{ id: string }>('select id from "user" where email = $1', [demo.email]);
    expect(await overrides()).toEqual([
      { person_id: null, enabled: false },
      { person_id: demoUser?.id, enabled: true },
    ]);
    expect(await flagsInWorkspace(url, catalogue, demo.workspaceSlug)).toContainEqual(
      expect.objectContaining({ flag, workspace: false, people: [{ email: demo.email, enabled: true }] }),
    );
    expect(await auditEntries()).toEqual([
      {
        action: 'flag.override_set',
        actor_type: 'system',
        actor_id: 'system:operator',
        target_id: flag,
        metadata: { enabled: false, person_id: null },
      },
      {
        action: 'flag.override_set',
        actor_type: 'system',
        actor_id: 'system:operator',
        target_id: flag,
        metadata: { enabled: true, person_id: demoUser?.id },
      },
    ]);

    expect(await changeOverride(url, catalogue, { flag, workspace: demo.workspaceSlug, enabled: null })).toBe(true);
    expect(await changeOverride(url, catalogue, { flag, workspace: demo.workspaceSlug, enabled: null })).toBe(false);
    expect(await overrides()).toEqual([{ person_id: demoUser?.id, enabled: true }]);
    expect((await auditEntries()).map((entry) => entry.action)).toEqual([
      'flag.override_set',
      'flag.override_set',
      'flag.override_cleared',
    ]);
  }, 60_000);

  it('refuses a flag no module declares, a workspace that is not there and a person who is not a member, and writes nothing', async () => {
    const url = database.url;
    const before = { overrides: await overrides(), audit: await auditEntries() };
    await expect(
      changeOverride(url, catalogue, { flag: 'projects.nothing', workspace: demo.workspaceSlug, enabled: true }),
    ).rejects.toThrow('No module declares the flag "projects.nothing"');
    await expect(changeOverride(url, catalogue, { flag, workspace: 'no-such-workspace', enabled: true })).rejects.toThrow(
      'No live workspace has the slug "no-such-workspace"',
    );
    await expect(
      changeOverride(url, catalogue, { flag, workspace: demo.workspaceSlug, person: 'stranger@example.com', enabled: true }),
    ).rejects.toThrow('stranger@example.com is not a member of this workspace');
    expect({ overrides: await overrides(), audit: await auditEntries() }).toEqual(before);
  }, 60_000);
});
