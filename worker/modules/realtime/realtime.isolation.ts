import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { ticketFor } from './realtime.test-helpers.ts';

const anyMember = { minRole: 'viewer' } as const;

/** A path with the owner's ticket: the credential checks come first, so each caller meets them before the ticket. */
const withTicket = async (f: RouteFixture, transport: 'connect' | 'events') =>
  `/w/${f.slug}/realtime/${transport}?ticket=${encodeURIComponent((await ticketFor(f.slug, { cookie: f.ownerCookie })).ticket)}`;

/**
 * The shared tenant-isolation suite's cases for the realtime routes (worker/db/tenant-routes.security.test.ts).
 * The connection routes answer 426 to a request that is no handshake, once the credential has passed;
 * the handshake itself is tested in realtime.test.ts. Test code only.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'POST /w/{workspace}/realtime/ticket': {
    ...anyMember,
    writes: true,
    ok: 201,
    build: async (f) => ({ path: `/w/${f.slug}/realtime/ticket` }),
  },
  'POST /w/{workspace}/realtime/heartbeat': {
    ...anyMember,
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/realtime/heartbeat` }),
  },
  'GET /w/{workspace}/realtime/connect': {
    ...anyMember,
    writes: false,
    ok: 426,
    build: async (f) => ({ path: await withTicket(f, 'connect') }),
  },
  'GET /w/{workspace}/realtime/events': {
    ...anyMember,
    writes: false,
    ok: 426,
    build: async (f) => ({ path: await withTicket(f, 'events') }),
  },
  'GET /w/{workspace}/realtime/presence': {
    ...anyMember,
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/realtime/presence` }),
  },
};
