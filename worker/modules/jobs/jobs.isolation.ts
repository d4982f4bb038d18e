import { setContextText } from '../../db/context.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { jobIds } from '../job-records.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { jobFailureIds } from './jobs.ids.ts';

/**
 * A failed job of the fixture's workspace, as the consumer stores one after the last attempt. Its
 * job is the events purge, which needs no workspace data: a retry in the suite does no harm.
 */
export async function seedJobFailure(workspaceId: string, job = 'events.purge', payload: unknown = {}): Promise<string> {
  const id = crypto.randomUUID();
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`insert into job_failure (id, workspace_id, message_id, job, version, payload, error, attempts)
        values (${id}, ${workspaceId}, ${crypto.randomUUID()}, ${job}, 1, ${JSON.stringify(payload)}::jsonb, 'Error: boom', 5)`,
  ]);
  return jobFailureIds.toPublic(id);
}

/** A job of the workspace, as a module's request writes one (queued unless told), started by `startedBy`. */
export async function seedJob(
  workspaceId: string,
  startedBy: string | null,
  fields: { status?: string; kind?: string; progress?: number; total?: number | null } = {},
): Promise<string> {
  const id = crypto.randomUUID();
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`insert into job (id, workspace_id, kind, status, progress, total, started_by)
        values (${id}, ${workspaceId}, ${fields.kind ?? 'jobs-test.watch'}, ${fields.status ?? 'queued'}, ${fields.progress ?? 0},
                ${fields.total ?? null}, ${startedBy})`,
  ]);
  return jobIds.toPublic(id);
}

/** The fixture's member of the given role (the suite adds one of each). */
async function memberOf(workspaceId: string, role: 'viewer' | 'member' | 'admin'): Promise<string> {
  const [row] = await inspectSql()`select user_id from membership where workspace_id = ${workspaceId} and role = ${role} limit 1`;
  return row?.user_id as string;
}

/**
 * The shared tenant-isolation suite's cases for this module's routes (worker/db/tenant-routes.security.test.ts).
 * Test code only: the suite finds this file by the module's name in the registry.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  // Whoever started a job may watch and cancel it: the viewer's own job is the minimum's case.
  'GET /w/{workspace}/jobs': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f: RouteFixture) => ({ path: `/w/${f.slug}/jobs` }),
  },
  'GET /w/{workspace}/jobs/{id}': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f: RouteFixture) => ({
      path: `/w/${f.slug}/jobs/${await seedJob(f.workspaceId, await memberOf(f.workspaceId, 'viewer'))}`,
    }),
  },
  'POST /w/{workspace}/jobs/{id}/cancel': {
    minRole: 'viewer',
    writes: true,
    ok: 202,
    build: async (f: RouteFixture) => ({
      path: `/w/${f.slug}/jobs/${await seedJob(f.workspaceId, await memberOf(f.workspaceId, 'viewer'))}/cancel`,
    }),
  },
  'GET /w/{workspace}/job-failures': {
    minRole: 'admin',
    writes: false,
    ok: 200,
    build: async (f: RouteFixture) => ({ path: `/w/${f.slug}/job-failures` }),
  },
  'POST /w/{workspace}/job-failures/{id}/retry': {
    minRole: 'admin',
    writes: true,
    ok: 202,
    build: async (f: RouteFixture) => ({ path: `/w/${f.slug}/job-failures/${await seedJobFailure(f.workspaceId)}/retry` }),
  },
};
