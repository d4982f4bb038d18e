import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../test/client.ts';
import { inspectSql, ownerPool, ownerSql } from '../test/db.ts';
import { setContextText } from './context.ts';

// The audit log is append-only for every role (migrations/0031_audit-log-append-only.sql): the
// request role lacks the grants (worker/db/tenant-isolation.test.ts), and a trigger refuses
// UPDATE, DELETE and TRUNCATE to the owner and to superusers as well.

async function workspaceWithEntries() {
  const owner = await signUp('Auditor');
  const ws = await createWorkspace(owner.cookie, 'Ledger');
  await call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie: owner.cookie, body: { name: 'logged' } });
  return parsePublicId('workspace', ws.id) ?? '';
}

const entriesOf = async (workspaceId: string) =>
  inspectSql()`select id, action from audit_log where workspace_id = ${workspaceId} order by id`;

/**
 * Runs `statement` as the connection `sql` gives, inside the workspace, and says what happened:
 * the SQLSTATE of a refusal, or how many rows it changed. Never leaves a change behind.
 */
async function attempt(sql: ReturnType<typeof ownerSql>, workspaceId: string, statement: string): Promise<string | number> {
  try {
    const [, result] = await sql.transaction((tx) => [tx.query(setContextText('workspace_id'), [workspaceId]), tx.query(statement)], {
      fullResults: true,
    });
    return result?.rowCount ?? -1;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('audit log: append-only for every role', () => {
  // The most powerful role the tests can reach (a superuser, which bypasses RLS), then the owner.
  // Bound by forced RLS without an UPDATE or DELETE policy, the owner reaches no row to change; a
  // superuser reaches them all, and only the trigger stops it.
  for (const [who, connect] of [
    ['a superuser', inspectSql],
    ['the owner role', ownerSql],
  ] as const) {
    it(`refuses ${who} UPDATE and DELETE of entries, even inside their workspace`, async () => {
      const workspaceId = await workspaceWithEntries();
      const before = await entriesOf(workspaceId);
      expect(before.length).toBeGreaterThan(0);

      const update = await attempt(
        connect(),
        workspaceId,
        `update audit_log set action = 'tampered' where workspace_id = '${workspaceId}'`,
      );
      const remove = await attempt(connect(), workspaceId, `delete from audit_log where workspace_id = '${workspaceId}'`);

      for (const outcome of [update, remove]) {
        // Refused by the trigger, or (owner under RLS) no row reached: never a changed entry.
        expect(['UA001', 0]).toContain(outcome);
      }
      if (connect === inspectSql) expect([update, remove]).toEqual(['UA001', 'UA001']);
      expect(await entriesOf(workspaceId)).toEqual(before);
    });
  }

  it('refuses TRUNCATE to the owner', async () => {
    const workspaceId = await workspaceWithEntries();
    const pool = ownerPool();
    const client = await pool.connect();
    try {
      await client.query('begin');
      const outcome = await client.query('truncate audit_log').then(
        () => 'truncated',
        (error: { code?: string }) => error.code,
      );
      await client.query('rollback');
      expect(outcome).toBe('UA001');
    } finally {
      client.release();
      await pool.end();
    }
    expect((await entriesOf(workspaceId)).length).toBeGreaterThan(0);
  });
});
