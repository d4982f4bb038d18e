import { setContextText } from '../../db/context.ts';
import { ownerSql } from '../../test/db.ts';
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

/**
 * The shared tenant-isolation suite's cases for this module's routes (worker/db/tenant-routes.security.test.ts).
 * Test code only: the suite finds this file by the module's name in the registry.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
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
