import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp, unique } from '../../test/client.ts';
import { addMember, inspectSql, ownerSql } from '../../test/db.ts';
import { deliver, dohUrl, idpUrl, publishTxt, registerIdpClient, setIdpClaims, startAt, throughIdp } from './testing.ts';
import { setContextText } from '../../db/context.ts';
import { ssoConnectionIds } from './oauth.ids.ts';
import { putOnPlan } from '../billing/billing.testing.ts';

interface Connection {
  id: string;
  redirect_uri: string;
  default_role: string;
  domains: Array<{ domain: string; verified: boolean; verification: { name: string; value: string } }>;
}

/** A workspace whose owner set up SSO against the local OpenID Provider, with one verified domain. */
async function workspaceWithSso(defaultRole: 'member' | 'viewer' = 'member') {
  const owner = await signUp('Olive Owner');
  const ws = await createWorkspace(owner.cookie);
  const base = `/api/v1/w/${ws.slug}/sso-connection`;
  // The redirect URI exists once the connection does; the IdP client is registered for it after.
  const draft = await call('PUT', base, {
    cookie: owner.cookie,
    body: { issuer: idpUrl, client_id: 'pending', client_secret: 'pending', default_role: defaultRole },
  });
  expect(draft.status).toBe(200);
  const client = await registerIdpClient((draft.json as Connection).redirect_uri);
  const saved = await call('PUT', base, {
    cookie: owner.cookie,
    body: { issuer: idpUrl, client_id: client.client_id, client_secret: client.client_secret },
  });
  expect(saved.status).toBe(200);
  const domain = `${unique('corp')}.test`;
  const added = await call('POST', `${base}/domains`, { cookie: owner.cookie, body: { domain } });
  const record = (added.json as Connection).domains[0]?.verification;
  if (!record) throw new Error('no verification record');
  await publishTxt(record.name, record.value);
  const verified = await call('POST', `${base}/domains/${domain}/verify`, { cookie: owner.cookie });
  expect(verified.status).toBe(200);
  return { owner, ws, base, domain, connection: verified.json as Connection };
}

async function ssoSignIn(emailAddress: string, cookie?: string) {
  const started = await startAt('/api/v1/auth/sso/start', { email: emailAddress });
  const callback = await throughIdp(started.authorizationUrl);
  return { started, result: await deliver(callback, [started.stateCookie, cookie]) };
}

async function me(cookie: string | null) {
  const res = await call('GET', '/api/v1/me', cookie ? { cookie } : {});
  return res.status === 200 ? res.json : null;
}

const workspaceAudit = async (workspacePublicId: string) =>
  (await inspectSql()`select action, actor_type, metadata from audit_log where workspace_id = ${parsePublicId('workspace', workspacePublicId)} order by created_at, id`) as Array<{
    action: string;
    actor_type: string;
    metadata: Record<string, unknown> | null;
  }>;

describe('SSO connections (per workspace)', { timeout: 60_000 }, () => {
  it('is managed by owners and admins: discovery checked, secret sealed, every change audited', async () => {
    const { owner, ws, base, connection } = await workspaceWithSso();
    expect(connection).toMatchObject({ default_role: 'member', domains: [{ verified: true }] });
    expect(connection.redirect_uri).toBe(`http://localhost:8787/api/v1/auth/sso/${connection.id}/callback`);
    const stored =
      (await inspectSql()`select client_secret_sealed from sso_connection where id = ${ssoConnectionIds.parse(connection.id)}`) as Array<{
        client_secret_sealed: string;
      }>;
    expect(stored[0]?.client_secret_sealed).toMatch(/^v1\./);
    const read = await call('GET', base, { cookie: owner.cookie });
    expect(read.text).not.toContain('client_secret');
    const actions = (await workspaceAudit(ws.id)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['sso_connection.created', 'sso_connection.updated', 'sso_domain.added', 'sso_domain.verified']),
    );
    const updated = (await workspaceAudit(ws.id)).find((a) => a.action === 'sso_connection.updated');
    expect(updated?.metadata?.changed).toEqual(['client_id', 'client_secret']);
  });

  it('refuses members, hides other workspaces, and checks the issuer’s discovery document', async () => {
    const { ws, base } = await workspaceWithSso();
    const member = await signUp();
    const memberId = parsePublicId('user', member.user.id) ?? '';
    await addMember(parsePublicId('workspace', ws.id) ?? '', memberId, 'member');
    expect((await call('GET', base, { cookie: member.cookie })).status).toBe(403);
    expect((await call('PUT', base, { cookie: member.cookie, body: { issuer: idpUrl, client_id: 'x' } })).status).toBe(403);
    const stranger = await signUp();
    expect((await call('GET', base, { cookie: stranger.cookie })).status).toBe(404);
    const own = await createWorkspace(stranger.cookie);
    const insecure = await call('PUT', `/api/v1/w/${own.slug}/sso-connection`, {
      cookie: stranger.cookie,
      body: { issuer: 'ftp://idp.example/', client_id: 'x', client_secret: 'y' },
    });
    expect(insecure.status).toBe(400);
    const bad = await call('PUT', `/api/v1/w/${own.slug}/sso-connection`, {
      cookie: stranger.cookie,
      // A server that answers, but publishes no discovery document.
      body: { issuer: dohUrl, client_id: 'x', client_secret: 'y' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.issuer[0]).toMatch(/discovery/);
    expect((await call('GET', `/api/v1/w/${own.slug}/sso-connection`, { cookie: stranger.cookie })).status).toBe(404);
  });

  it('verifies a domain only with its TXT record, and for one workspace only', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const base = `/api/v1/w/${ws.slug}/sso-connection`;
    await call('PUT', base, { cookie: owner.cookie, body: { issuer: idpUrl, client_id: 'c', client_secret: 's' } });
    const domain = `${unique('claim')}.test`;
    const added = await call('POST', `${base}/domains`, { cookie: owner.cookie, body: { domain: domain.toUpperCase() } });
    const record = (added.json as Connection).domains[0]?.verification;
    expect(record?.name).toBe(`_edge-saas-challenge.${domain}`);
    const early = await call('POST', `${base}/domains/${domain}/verify`, { cookie: owner.cookie });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('DOMAIN_NOT_VERIFIED');
    await publishTxt(record?.name ?? '', 'edge-saas-domain-verification=someone-elses-token');
    expect((await call('POST', `${base}/domains/${domain}/verify`, { cookie: owner.cookie })).status).toBe(409);
    await publishTxt(record?.name ?? '', record?.value ?? '');
    expect((await call('POST', `${base}/domains/${domain}/verify`, { cookie: owner.cookie })).json.domains[0].verified).toBe(true);

    // Another workspace may list the domain, but it cannot verify it too.
    const rival = await signUp();
    const rivalWs = await createWorkspace(rival.cookie);
    const rivalBase = `/api/v1/w/${rivalWs.slug}/sso-connection`;
    await call('PUT', rivalBase, { cookie: rival.cookie, body: { issuer: idpUrl, client_id: 'c', client_secret: 's' } });
    const rivalAdded = await call('POST', `${rivalBase}/domains`, { cookie: rival.cookie, body: { domain } });
    const rivalRecord = (rivalAdded.json as Connection).domains[0]?.verification;
    await publishTxt(rivalRecord?.name ?? '', rivalRecord?.value ?? '');
    const taken = await call('POST', `${rivalBase}/domains/${domain}/verify`, { cookie: rival.cookie });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('DOMAIN_TAKEN');
  });
});

describe('SSO sign-in against a real OpenID Provider', { timeout: 60_000 }, () => {
  it('signs a new person in, creates the account and a membership with the default role (JIT)', async () => {
    const { ws, domain, connection } = await workspaceWithSso('viewer');
    const address = `ada@${domain}`;
    const { started, result } = await ssoSignIn(address);
    expect(started.cookieName).toBe(`__Host-sso-${connection.id}`);
    expect(started.authorizationUrl.searchParams.get('login_hint')).toBe(address);
    expect(started.authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(started.authorizationUrl.searchParams.get('nonce')).toBeTruthy();
    expect(result.location).toBe(`/w/${ws.slug}`);
    const person = await me(result.sessionCookie);
    expect(person?.user.email).toBe(address);
    expect(person?.memberships).toEqual([{ workspace: expect.objectContaining({ slug: ws.slug }), role: 'viewer' }]);
    const audit = await workspaceAudit(ws.id);
    expect(audit.filter((a) => a.action === 'membership.jit_created')).toEqual([
      expect.objectContaining({
        actor_type: 'system',
        metadata: expect.objectContaining({ role: 'viewer', connection_id: connection.id }),
      }),
    ]);
    const userId = parsePublicId('user', person?.user.id);
    const logins = (await inspectSql()`select metadata from audit_log where action = 'user.logged_in' and target_id = ${userId}`) as Array<{
      metadata: Record<string, unknown>;
    }>;
    expect(logins.map((l) => l.metadata)).toEqual([
      expect.objectContaining({ method: 'sso', connection_id: connection.id, workspace_id: ws.id }),
    ]);

    // Signing in again: the same person, still one membership.
    const again = await ssoSignIn(address);
    expect((await me(again.result.sessionCookie))?.user.id).toBe(person?.user.id);
    expect((await workspaceAudit(ws.id)).filter((a) => a.action === 'membership.jit_created')).toHaveLength(1);
    // The one join went out as `members.changed` (a per-seat plan's quantity follows it).
    const changes = await inspectSql()`select payload from outbox_event
      where type = 'members.changed' and workspace_id = ${parsePublicId('workspace', ws.id)}`;
    expect(changes).toEqual([{ payload: { change: 'joined' } }]);
  });

  it('links an existing account with the email (the domain is verified) and keeps its role', async () => {
    const { ws, domain, owner } = await workspaceWithSso();
    const existing = await call('POST', '/api/v1/auth/signup', {
      body: { email: `grace@${domain}`, password: 'correct horse battery staple', name: 'Grace' },
    });
    expect(existing.status).toBe(201);
    const { result } = await ssoSignIn(`grace@${domain}`);
    const person = await me(result.sessionCookie);
    expect(person?.user.id).toBe(existing.json.user.id);
    expect(person?.memberships[0]?.role).toBe('member');
    const linked =
      (await inspectSql()`select action, metadata from audit_log where action = 'oauth.linked' and target_id = ${parsePublicId('user', person?.user.id)}`) as Array<{
        metadata: Record<string, unknown>;
      }>;
    expect(linked[0]?.metadata).toMatchObject({ via: 'sso_verified_domain' });
    expect(owner).toBeTruthy();
    expect(ws).toBeTruthy();
  });

  it('refuses an identity the IdP vouches for outside the workspace’s verified domains, or unverified', async () => {
    const { ws, domain } = await workspaceWithSso();
    const login = `mallory@${domain}`;
    await setIdpClaims(login, { email: 'ceo@victim.example', email_verified: true });
    const outside = await ssoSignIn(login);
    expect(outside.result.location).toBe('/login?error=SSO_DOMAIN_MISMATCH');
    expect(outside.result.sessionCookie).toBeNull();
    const unverifiedLogin = `eve@${domain}`;
    await setIdpClaims(unverifiedLogin, { email_verified: false });
    const unverified = await ssoSignIn(unverifiedLogin);
    expect(unverified.result.location).toBe('/login?error=SSO_DOMAIN_MISMATCH');
    const users =
      (await inspectSql()`select count(*)::int as n from "user" where email in (${login}, ${unverifiedLogin}, 'ceo@victim.example')`) as Array<{
        n: number;
      }>;
    expect(users[0]?.n).toBe(0);
    expect((await workspaceAudit(ws.id)).filter((a) => a.action === 'membership.jit_created')).toEqual([]);
  });

  it('refuses sign-in with PLAN_REQUIRED once the workspace is on a plan without SSO, at the start and on the way back', async () => {
    const { ws, domain } = await workspaceWithSso();
    // Started on Team; the plan lapses to Pro while the person is at the IdP.
    const started = await startAt('/api/v1/auth/sso/start', { email: `pat@${domain}` });
    const callback = await throughIdp(started.authorizationUrl);
    await putOnPlan(parsePublicId('workspace', ws.id) as string, 'pro');
    const back = await deliver(callback, [started.stateCookie]);
    expect(back.location).toBe('/login?error=PLAN_REQUIRED');
    expect(back.sessionCookie).toBeNull();
    expect(await inspectSql()`select 1 from "user" where email = ${`pat@${domain}`}`).toEqual([]);

    const refused = await call('POST', '/api/v1/auth/sso/start', { body: { email: `pat@${domain}` } });
    expect(refused.status).toBe(402);
    expect(refused.json.error).toMatchObject({ code: 'PLAN_REQUIRED', upgrade: { feature: 'sso', plan: 'team' } });
  });

  it('has no SSO for an unverified or unknown domain, and refuses a callback with the wrong state', async () => {
    const res = await call('POST', '/api/v1/auth/sso/start', { body: { email: `someone@${unique('nowhere')}.test` } });
    expect(res.status).toBe(404);
    const { domain } = await workspaceWithSso();
    const started = await startAt('/api/v1/auth/sso/start', { email: `zoe@${domain}` });
    const callback = await throughIdp(started.authorizationUrl);
    callback.searchParams.set('state', 'not-the-state');
    const result = await deliver(callback, [started.stateCookie]);
    expect(result.location).toBe('/login?error=OAUTH_STATE_INVALID');
    expect(result.sessionCookie).toBeNull();
  });
});

describe('SSO tables under row-level security', { timeout: 60_000 }, () => {
  it('shows a workspace only its own connection and domains; the domain lookup sees verified rows only', async () => {
    const first = await workspaceWithSso();
    const second = await workspaceWithSso();
    const pending = `${unique('pending')}.test`;
    await call('POST', `${second.base}/domains`, { cookie: second.owner.cookie, body: { domain: pending } });
    const owner = ownerSql();
    const firstId = parsePublicId('workspace', first.ws.id);
    const [, , connections, domains] = await owner.transaction([
      owner.query(setContextText('workspace_id'), [firstId]),
      owner`set local role app_request`,
      owner`select workspace_id from sso_connection`,
      owner`select domain from sso_domain`,
    ]);
    expect(connections).toEqual([{ workspace_id: firstId }]);
    expect(domains).toEqual([{ domain: first.domain }]);
    const [, , none] = await owner.transaction([
      owner`select 1`,
      owner`set local role app_request`,
      owner`select count(*)::int as n from sso_connection`,
    ]);
    expect(none).toEqual([{ n: 0 }]);
    const lookup = async (domain: string) =>
      (
        await owner.transaction([
          owner.query(setContextText('sso_domain'), [domain]),
          owner`set local role app_request`,
          owner`select domain from sso_domain`,
        ])
      )[2];
    expect(await lookup(second.domain)).toEqual([{ domain: second.domain }]);
    expect(await lookup(pending)).toEqual([]);
  });
});
