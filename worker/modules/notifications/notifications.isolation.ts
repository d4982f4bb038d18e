import { inspectSql } from '../../test/db.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { notificationIds } from './notifications.ids.ts';

/**
 * A notification for the fixture's viewer (the minimum role, who marks it read), as a consumer writes
 * one. Each person sees only their own: anyone else, in the workspace or not, gets a 404 for it.
 */
async function seedNotification(f: RouteFixture): Promise<string> {
  const id = crypto.randomUUID();
  await inspectSql()`
    insert into notification (id, workspace_id, person_id, kind, payload, event_id)
    select ${id}, ${f.workspaceId}, m.user_id, 'member.joined', '{"text":"Someone joined","link":"/"}'::jsonb, gen_random_uuid()
    from membership m where m.workspace_id = ${f.workspaceId} and m.role = 'viewer'`;
  return notificationIds.toPublic(id);
}

/**
 * The shared tenant-isolation suite's cases for this module's routes (worker/db/tenant-routes.security.test.ts).
 * Test code only: the suite finds this file by the module's name in the registry.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/notifications': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/notifications` }),
  },
  'GET /w/{workspace}/notifications/unread-count': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/notifications/unread-count` }),
  },
  'POST /w/{workspace}/notifications/{id}/read': {
    minRole: 'viewer',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/notifications/${await seedNotification(f)}/read` }),
  },
  'POST /w/{workspace}/notifications/read-all': {
    minRole: 'viewer',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/notifications/read-all` }),
  },
  'GET /w/{workspace}/notification-preferences': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/notification-preferences` }),
  },
  'PUT /w/{workspace}/notification-preferences/{kind}': {
    minRole: 'viewer',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/notification-preferences/member.joined`, body: { channel: 'email', enabled: false } }),
  },
};
