/**
 * What a client we did not write does with the API, through openapi-fetch and the types that
 * openapi-typescript generated from the served document (./generated/api.ts, written by
 * e2e/api-reference.e2e.ts, never committed). A path, body or answer the document gets wrong fails
 * either the type check (tsconfig.json beside this file) or the run.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { paths } from './generated/api.ts';

export async function walkthrough(baseUrl: string, clientIp: string): Promise<void> {
  const headers = { 'cf-connecting-ip': clientIp };
  const api = createClient<paths>({ baseUrl, headers });
  const suffix = randomBytes(4).toString('hex');
  const email = `typed-client-${suffix}@example.com`;
  const password = 'correct horse battery staple';

  const signedUp = await api.POST('/api/v1/auth/signup', { body: { email, password, name: 'Typed Client' } });
  assert.equal(signedUp.response.status, 201, JSON.stringify(signedUp.error));
  assert.equal(signedUp.data?.user.email, email);

  // A CLI's way in: an access token for the email and password, then bearer requests only.
  const token = await api.POST('/api/v1/auth/token', {
    body: { grant_type: 'password', email, password, client_id: 'typed-client-e2e' },
  });
  assert.equal(token.response.status, 200, JSON.stringify(token.error));
  assert.ok(token.data);
  assert.equal(token.data.token_type, 'Bearer');
  const signedIn = createClient<paths>({ baseUrl, headers: { ...headers, authorization: `Bearer ${token.data.access_token}` } });

  const me = await signedIn.GET('/api/v1/me');
  assert.equal(me.data?.user.email, email);

  const workspace = await signedIn.POST('/api/v1/workspaces', { body: { name: 'Typed Client Inc', slug: `typed-${suffix}` } });
  assert.equal(workspace.response.status, 201, JSON.stringify(workspace.error));
  assert.ok(workspace.data);
  assert.equal(workspace.data.role, 'owner');
  const params = { path: { workspace: workspace.data.slug } };

  const created = await signedIn.POST('/api/v1/w/{workspace}/teams', { params, body: { name: 'First team' } });
  assert.equal(created.response.status, 201, JSON.stringify(created.error));
  assert.ok(created.data);
  assert.equal(created.data.name, 'First team');

  const listed = await signedIn.GET('/api/v1/w/{workspace}/teams', { params });
  assert.equal(listed.response.status, 200, JSON.stringify(listed.error));
  assert.deepEqual(
    listed.data?.items.map((team) => team.id),
    [created.data.id],
  );

  // Errors come typed as the one envelope.
  const missing = await signedIn.GET('/api/v1/w/{workspace}/teams/{id}', {
    params: { path: { workspace: workspace.data.slug, id: 'team_00000000000000000000000000' } },
  });
  assert.equal(missing.response.status, 404);
  assert.equal(missing.error?.error.code, 'NOT_FOUND');
  assert.match(missing.error?.error.request_id ?? '', /^req_/);
}
