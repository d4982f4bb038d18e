import { call, unique } from '../../test/client.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { idpUrl, publishTxt } from './testing.ts';

/** A single sign-on connection against the local OpenID Provider (its discovery document is checked). */
async function createSsoConnection(f: RouteFixture): Promise<void> {
  const res = await call('PUT', `/api/v1/w/${f.slug}/sso-connection`, {
    cookie: f.ownerCookie,
    body: { issuer: idpUrl, client_id: 'registry-client', client_secret: 'registry-secret' },
  });
  if (res.status !== 200) throw new Error(`sso connection: ${res.status} ${res.text}`);
}

/** A domain claimed by the workspace's connection, not yet verified; its TXT record is published when asked. */
async function claimDomain(f: RouteFixture, { publish }: { publish: boolean }): Promise<string> {
  await createSsoConnection(f);
  const domain = `${unique('registry')}.test`;
  const res = await call('POST', `/api/v1/w/${f.slug}/sso-connection/domains`, { cookie: f.ownerCookie, body: { domain } });
  if (res.status !== 200) throw new Error(`sso domain: ${res.status} ${res.text}`);
  const record = (res.json.domains as Array<{ domain: string; verification: { name: string; value: string } }>).find(
    (d) => d.domain === domain,
  );
  if (!record) throw new Error('the claimed domain is not listed');
  if (publish) await publishTxt(record.verification.name, record.verification.value);
  return domain;
}

/**
 * The shared tenant-isolation suite's cases for this module's routes (the workspace's single sign-on connection and its domains):
 * each route's lowest role, whether it writes, and a valid request in a fresh workspace
 * (worker/db/tenant-routes.security.test.ts). Test code only: the suite finds this file by the
 * module's name in the registry, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/sso-connection': {
    minRole: 'admin',
    writes: false,
    ok: 200,
    build: async (f) => {
      await createSsoConnection(f);
      return { path: `/w/${f.slug}/sso-connection` };
    },
  },
  'PUT /w/{workspace}/sso-connection': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({
      path: `/w/${f.slug}/sso-connection`,
      body: { issuer: idpUrl, client_id: 'suite-client', client_secret: 'suite-secret', default_role: 'viewer' },
    }),
  },
  'DELETE /w/{workspace}/sso-connection': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => {
      await createSsoConnection(f);
      return { path: `/w/${f.slug}/sso-connection` };
    },
  },
  'POST /w/{workspace}/sso-connection/domains': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => {
      await createSsoConnection(f);
      return { path: `/w/${f.slug}/sso-connection/domains`, body: { domain: `${unique('suite')}.test` } };
    },
  },
  'POST /w/{workspace}/sso-connection/domains/{domain}/verify': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/sso-connection/domains/${await claimDomain(f, { publish: true })}/verify` }),
  },
  'DELETE /w/{workspace}/sso-connection/domains/{domain}': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/sso-connection/domains/${await claimDomain(f, { publish: false })}` }),
  },
};
