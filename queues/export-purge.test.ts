import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { R2Storage } from '../worker/adapters/storage/r2.ts';
import { Database } from '../worker/db/client.ts';
import { loadConfig } from '../worker/kernel/config.ts';
import { personalExportPurge } from '../worker/modules/account/personal-exports.job.ts';
import { auditExportPurge } from '../worker/modules/audit/audit-exports.job.ts';
import { inspectSql, ownerSql } from '../worker/test/db.ts';
import { purgeExports } from './export-purge.ts';
import { delivery, envelope, runBatch, runsOf } from './test/fixtures.ts';
import { setContextText } from '../worker/db/context.ts';

/** Relative to the database clock, as Postgres intervals: '-2 hours' is two hours ago. */
type Ago = string;

interface Export {
  /** Its job's status: the export row itself is only the file's record. */
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  created: Ago;
  /** Only a finished export has an expiry (7 days after it was written). */
  expires?: Ago;
  /** Where its object is; unset for an unfinished export, whose object (if any) sits at its own key. */
  recorded?: boolean;
}

/**
 * Audit exports of one workspace and personal exports of one person, each named for what the purge
 * must do with it (`gone…` or `kept…`), every one with an object in the real (local) R2 bucket.
 */
const exports: Record<string, Export> = {
  goneExpired: { status: 'succeeded', created: '-8 days', expires: '-1 hour', recorded: true },
  goneFailedLongAgo: { status: 'failed', created: '-8 days' },
  goneStuckLongAgo: { status: 'running', created: '-169 hours' },
  keptLive: { status: 'succeeded', created: '-6 days', expires: '1 day', recorded: true },
  keptFailedRecently: { status: 'failed', created: '-6 days' },
  keptRunning: { status: 'running', created: '-1 minute' },
};

async function seedExports() {
  const sql = ownerSql();
  const workspaceId = crypto.randomUUID();
  const userId = crypto.randomUUID();
  const audit: Record<string, { id: string; key: string }> = {};
  const personal: Record<string, { id: string; key: string }> = {};
  const statements = [
    sql`insert into "user" (id, email, name, password_hash) values (${userId}, ${`exports-${userId}@example.com`}, 'Exports', 'x')`,
    sql.query(setContextText('user_id'), [userId]),
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`insert into workspace (id, slug, name) values (${workspaceId}, ${`ws-${workspaceId.slice(0, 8)}`}, 'Exports')`,
  ];
  for (const [name, e] of Object.entries(exports)) {
    const a = { id: crypto.randomUUID(), key: '' };
    a.key = `audit-exports/${workspaceId}/${a.id}.ndjson`;
    audit[name] = a;
    statements.push(sql`
      insert into job (id, workspace_id, kind, status, created_at)
      values (${a.id}, ${workspaceId}, 'audit-log.export', ${e.status}, now() + ${e.created}::interval)`);
    statements.push(sql`
      insert into audit_export (id, workspace_id, object_key, created_at, expires_at)
      values (${a.id}, ${workspaceId}, ${e.recorded ? a.key : null},
              now() + ${e.created}::interval, now() + ${e.expires ?? null}::interval)`);
    const p = { id: crypto.randomUUID(), key: '' };
    p.key = `personal-exports/${userId}/${p.id}.json`;
    personal[name] = p;
    statements.push(sql`
      insert into job (id, user_id, kind, status, created_at)
      values (${p.id}, ${userId}, 'personal-data.export', ${e.status}, now() + ${e.created}::interval)`);
    statements.push(sql`
      insert into personal_export (id, user_id, object_key, created_at, expires_at)
      values (${p.id}, ${userId}, ${e.recorded ? p.key : null},
              now() + ${e.created}::interval, now() + ${e.expires ?? null}::interval)`);
  }
  await sql.transaction(statements);
  for (const { key } of [...Object.values(audit), ...Object.values(personal)]) await env.FILES.put(key, 'export');
  return { workspaceId, audit, personal };
}

type Seeded = Awaited<ReturnType<typeof seedExports>>;

/** The names of the seeded exports whose row, and whose object, are still there. */
async function left({ audit, personal }: Seeded) {
  const sql = inspectSql();
  const [auditRows, personalRows] = (await sql.transaction([
    sql`select id from audit_export where id = any(${Object.values(audit).map((e) => e.id)})`,
    sql`select id from personal_export where id = any(${Object.values(personal).map((e) => e.id)})`,
  ])) as Array<Array<{ id: string }>>;
  const names = async (table: Record<string, { id: string; key: string }>, rows: Array<{ id: string }> | undefined) => {
    const present = new Set(rows?.map((row) => row.id));
    const objects: string[] = [];
    for (const [name, e] of Object.entries(table)) if (await env.FILES.head(e.key)) objects.push(name);
    return {
      rows: Object.keys(table)
        .filter((name) => present.has(table[name]?.id as string))
        .sort(),
      objects: objects.sort(),
    };
  };
  return { audit: await names(audit, auditRows), personal: await names(personal, personalRows) };
}

const kept = { rows: ['keptFailedRecently', 'keptLive', 'keptRunning'], objects: ['keptFailedRecently', 'keptLive', 'keptRunning'] };

async function run() {
  const body = envelope('exports.purge', {});
  const message = delivery(body);
  const result = await runBatch([message]);
  expect(result.explicitAcks).toEqual([message.id]);
  const runs = await runsOf(body.id);
  expect(runs).toEqual([expect.objectContaining({ job: 'exports.purge', status: 'succeeded', error: null })]);
  return runs[0]?.detail.result as Record<string, number>;
}

const deps = () => ({ db: new Database(loadConfig(env)), storage: new R2Storage(env.FILES) });

describe('exports.purge', () => {
  it('deletes expired exports and those unfinished for 7 days, objects and rows, and nothing else', async () => {
    const seeded = await seedExports();
    expect((await left(seeded)).audit.rows).toHaveLength(Object.keys(exports).length);

    const result = await run();

    expect(await left(seeded)).toEqual({ audit: kept, personal: kept });
    // Earlier tests may have left due exports of their own, so at least ours.
    expect(result.audit_exports).toBeGreaterThanOrEqual(3);
    expect(result.personal_exports).toBeGreaterThanOrEqual(3);
  });

  it('deletes nothing when it runs again', async () => {
    const seeded = await seedExports();
    await run();

    expect(await run()).toEqual({ audit_exports: 0, personal_exports: 0 });
    expect(await left(seeded)).toEqual({ audit: kept, personal: kept });
  });

  it('keeps the rows when an object cannot be deleted, so the next run tries again', async () => {
    const seeded = await seedExports();
    const { db } = deps();
    const failing = {
      put: async () => {},
      get: async () => null,
      head: async () => null,
      delete: async () => {
        throw new Error('storage unavailable');
      },
      deletePrefix: async () => 0,
    };

    await expect(purgeExports({ db, storage: failing }, auditExportPurge)).rejects.toThrow('storage unavailable');
    await expect(purgeExports({ db, storage: failing }, personalExportPurge)).rejects.toThrow('storage unavailable');

    const all = Object.keys(exports).sort();
    expect(await left(seeded)).toEqual({ audit: { rows: all, objects: all }, personal: { rows: all, objects: all } });
    await run();
    expect(await left(seeded)).toEqual({ audit: kept, personal: kept });
  });

  it('finishes on the next run when it stopped between the objects and the rows', async () => {
    const seeded = await seedExports();
    const { db, storage } = deps();
    const stopsBeforeRows = <K extends typeof auditExportPurge | typeof personalExportPurge>(kind: K): K => ({
      ...kind,
      deleteRows: async () => {
        throw new Error('connection lost');
      },
    });

    await expect(purgeExports({ db, storage }, stopsBeforeRows(auditExportPurge))).rejects.toThrow('connection lost');
    await expect(purgeExports({ db, storage }, stopsBeforeRows(personalExportPurge))).rejects.toThrow('connection lost');

    const objectsGone = { rows: Object.keys(exports).sort(), objects: kept.objects };
    expect(await left(seeded)).toEqual({ audit: objectsGone, personal: objectsGone });
    const result = await run();
    expect(await left(seeded)).toEqual({ audit: kept, personal: kept });
    expect(result.audit_exports).toBeGreaterThanOrEqual(3);
  });

  it('reaches no live audit export from a workspace either: only a due export is ever deleted', async () => {
    const seeded = await seedExports();
    const sql = ownerSql();
    const ids = Object.values(seeded.audit).map((e) => e.id);
    const [, , deleted] = (await sql.transaction([
      sql.query(setContextText('workspace_id'), [seeded.workspaceId]),
      sql`set local role app_request`,
      sql`delete from audit_export where id = any(${ids}) returning id`,
    ])) as Array<Array<{ id: string }>>;

    expect(deleted).toEqual([]);
    expect((await left(seeded)).audit.rows).toHaveLength(Object.keys(exports).length);
  });
});
