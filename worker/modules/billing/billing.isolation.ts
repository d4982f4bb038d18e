import { call } from '../../test/client.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { syncTestPlans } from './local-stripe.testing.ts';

/** A billing account for the workspace: its owner starts a checkout (the provider customer is made then). */
async function withBillingAccount(f: RouteFixture) {
  await syncTestPlans();
  const res = await call('POST', `/api/v1/w/${f.slug}/billing/checkout`, { cookie: f.ownerCookie, body: { plan: 'pro' } });
  if (res.status !== 200) throw new Error(`checkout: ${res.status} ${res.text}`);
}

/**
 * The shared tenant-isolation suite's cases for billing (worker/db/tenant-routes.security.test.ts).
 * Test code only: the suite finds this file by its name, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/billing/plan': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/billing/plan` }),
  },
  'POST /w/{workspace}/billing/trial/extension': {
    minRole: 'owner',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/billing/trial/extension` }),
  },
  'GET /w/{workspace}/billing/usage': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/billing/usage` }),
  },
  'GET /w/{workspace}/billing': { minRole: 'owner', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/billing` }) },
  'POST /w/{workspace}/billing/checkout': {
    minRole: 'owner',
    writes: true,
    ok: 200,
    build: async (f) => {
      await syncTestPlans();
      return { path: `/w/${f.slug}/billing/checkout`, body: { plan: 'team', interval: 'year' } };
    },
  },
  'POST /w/{workspace}/billing/portal': {
    minRole: 'owner',
    writes: true,
    ok: 200,
    build: async (f) => {
      await withBillingAccount(f);
      return { path: `/w/${f.slug}/billing/portal` };
    },
  },
};
