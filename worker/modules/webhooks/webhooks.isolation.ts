import { call } from '../../test/client.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { hookUrl } from './webhooks.test-helpers.ts';

async function createEndpoint(f: RouteFixture): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/webhooks`, { cookie: f.ownerCookie, body: { url: hookUrl('ok').url } });
  if (res.status !== 201) throw new Error(`webhook endpoint: ${res.status} ${res.text}`);
  return res.json.id as string;
}

async function sendTest(f: RouteFixture, endpoint: string): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/webhooks/${endpoint}/test`, { cookie: f.ownerCookie });
  if (res.status !== 202) throw new Error(`webhook test: ${res.status} ${res.text}`);
  return res.json.id as string;
}

const admin = { minRole: 'admin' } as const;
const endpointPath = async (f: RouteFixture, tail = '') => `/w/${f.slug}/webhooks/${await createEndpoint(f)}${tail}`;

/**
 * The shared tenant-isolation suite's cases for the webhook routes (worker/db/tenant-routes.security.test.ts).
 * Test code only: the suite finds this file by its name, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/webhooks': { ...admin, writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/webhooks` }) },
  'POST /w/{workspace}/webhooks': {
    ...admin,
    writes: true,
    ok: 201,
    build: async (f) => ({ path: `/w/${f.slug}/webhooks`, body: { url: hookUrl('ok').url } }),
  },
  'GET /w/{workspace}/webhooks/{id}': { ...admin, writes: false, ok: 200, build: async (f) => ({ path: await endpointPath(f) }) },
  'PATCH /w/{workspace}/webhooks/{id}': {
    ...admin,
    writes: true,
    ok: 200,
    build: async (f) => ({ path: await endpointPath(f), body: { description: 'renamed' } }),
  },
  'DELETE /w/{workspace}/webhooks/{id}': { ...admin, writes: true, ok: 204, build: async (f) => ({ path: await endpointPath(f) }) },
  'POST /w/{workspace}/webhooks/{id}/disable': {
    ...admin,
    writes: true,
    ok: 200,
    build: async (f) => ({ path: await endpointPath(f, '/disable') }),
  },
  'POST /w/{workspace}/webhooks/{id}/enable': {
    ...admin,
    writes: true,
    ok: 200,
    build: async (f) => ({ path: await endpointPath(f, '/enable') }),
  },
  'POST /w/{workspace}/webhooks/{id}/rotate-secret': {
    ...admin,
    writes: true,
    ok: 200,
    build: async (f) => ({ path: await endpointPath(f, '/rotate-secret') }),
  },
  'GET /w/{workspace}/webhooks/{id}/deliveries': {
    ...admin,
    writes: false,
    ok: 200,
    build: async (f) => ({ path: await endpointPath(f, '/deliveries') }),
  },
  'POST /w/{workspace}/webhooks/{id}/deliveries/{delivery}/replay': {
    ...admin,
    writes: true,
    ok: 202,
    build: async (f) => {
      const endpoint = await createEndpoint(f);
      return { path: `/w/${f.slug}/webhooks/${endpoint}/deliveries/${await sendTest(f, endpoint)}/replay` };
    },
  },
  'POST /w/{workspace}/webhooks/{id}/replay': {
    ...admin,
    writes: true,
    ok: 202,
    build: async (f) => ({
      path: await endpointPath(f, '/replay'),
      body: { from: new Date(Date.now() - 3600_000).toISOString(), to: new Date().toISOString() },
    }),
  },
  'POST /w/{workspace}/webhooks/{id}/test': {
    ...admin,
    writes: true,
    ok: 202,
    build: async (f) => ({ path: await endpointPath(f, '/test') }),
  },
};
