import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../kernel/crypto.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { inviteTokenFor, inviteMailCount, newAddress, signUpAs, workspaceWithRoles } from './members.test-helpers.ts';
import { inviteIds } from './members.ids.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { expectPagedList } from '../../test/pages.ts';

const invite = (cookie: string, slug: string, email: string, role = 'member') =>
  call('POST', `/api/v1/w/${slug}/invites`, { cookie, body: { email, role } });

const accept = (token: string, cookie?: string) => call('POST', `/api/v1/invites/${token}/accept`, cookie ? { cookie } : {});

const roleIn = async (cookie: string, slug: string) => {
  const me = await call('GET', '/api/v1/me', { cookie });
  return (me.json.memberships as Array<{ workspace: { slug: string }; role: string }>).find((m) => m.workspace.slug === slug)?.role ?? null;
};

const auditActions = async (workspaceId: string, targetId: string) =>
  (
    (await inspectSql()`select action from audit_log where workspace_id = ${workspaceId} and target_id = ${targetId} order by created_at, id`) as Array<{
      action: string;
    }>
  ).map((a) => a.action);

describe('POST /api/v1/w/{workspace}/invites', () => {
  it('emails a single-use link valid for 7 days and stores only the token’s hash', async () => {
    const { owner, ws, wsId } = await workspaceWithRoles();
    const email = newAddress();
    const res = await invite(owner.cookie, ws.slug, email.toUpperCase(), 'viewer');
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ email, role: 'viewer', invited_by: owner.user.id, expired: false });
    expect(res.json.id).toMatch(/^inv_[0-9a-z]{25}$/);
    const days = (Date.parse(res.json.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const token = await inviteTokenFor(email);
    const mail = (await call('GET', `/api/dev/inbox?to=${encodeURIComponent(email)}`)).json.data[0];
    expect(mail.subject).toBe('Olivia Owner invited you to Team Space on Edge SaaS');
    expect(mail.tag).toBe('invite');
    // The link is the token and nothing else: no role, no workspace, no address to change.
    expect(mail.text).toContain(`http://localhost:8787/invites/${token}\n`);
    expect(mail.html).toContain(`href="http://localhost:8787/invites/${token}"`);

    const id = inviteIds.parse(res.json.id);
    const rows = (await inspectSql()`select workspace_id, email, role, token_hash from invite where id = ${id}`) as Array<
      Record<string, string>
    >;
    expect(rows).toEqual([{ workspace_id: wsId, email, role: 'viewer', token_hash: await sha256Hex(token) }]);
    const stored = JSON.stringify(await inspectSql()`select * from invite where id = ${id}`);
    expect(stored).not.toContain(token);
    expect(await auditActions(wsId, id as string)).toEqual(['invite.created']);
  });

  it('lets admins invite up to their own role, never as owner, and refuses members and viewers', async () => {
    const { ws, admin, member, viewer } = await workspaceWithRoles();
    expect((await invite(admin.cookie, ws.slug, newAddress(), 'admin')).status).toBe(201);
    const asOwner = await invite(admin.cookie, ws.slug, newAddress(), 'owner');
    expect(asOwner.status).toBe(400);
    expect(asOwner.json.error.fields.role).toBeDefined();
    const email = newAddress();
    expect((await invite(member.cookie, ws.slug, email)).json.error.code).toBe('FORBIDDEN');
    expect((await invite(viewer.cookie, ws.slug, email)).status).toBe(403);
    expect(await inviteMailCount(email)).toBe(0);
  });

  it('refuses bad addresses, members and a second live invite, and changes nothing', async () => {
    const { owner, ws, member } = await workspaceWithRoles();
    for (const email of ['not-an-address', 'a@b.c, d@e.com', 'Name <x@example.com>']) {
      const res = await invite(owner.cookie, ws.slug, email);
      expect(res.status).toBe(400);
      expect(res.json.error.fields.email).toBeDefined();
    }
    const already = await invite(owner.cookie, ws.slug, member.email);
    expect(already.status).toBe(409);
    expect(already.json.error.code).toBe('ALREADY_MEMBER');
    expect(await inviteMailCount(member.email)).toBe(0);

    const email = newAddress();
    expect((await invite(owner.cookie, ws.slug, email)).status).toBe(201);
    const again = await invite(owner.cookie, ws.slug, email, 'admin');
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('INVITE_PENDING');
    expect(await inviteMailCount(email, 1)).toBe(1);
    const list = await call('GET', `/api/v1/w/${ws.slug}/invites`, { cookie: owner.cookie });
    expect(list.json.items.filter((i: { email: string }) => i.email === email)).toHaveLength(1);
  });

  it('replaces an expired invite for the same address', async () => {
    const { owner, ws } = await workspaceWithRoles();
    const email = newAddress();
    const first = await invite(owner.cookie, ws.slug, email);
    const oldToken = await inviteTokenFor(email);
    await inspectSql()`update invite set expires_at = now() - interval '1 minute' where id = ${inviteIds.parse(first.json.id)}`;
    const second = await invite(owner.cookie, ws.slug, email, 'admin');
    expect(second.status).toBe(201);
    const person = await signUpAs(email);
    expect((await accept(oldToken, person.cookie)).json.error.code).toBe('INVITE_REVOKED');
    expect((await accept(await inviteTokenFor(email, 2), person.cookie)).status).toBe(200);
    expect(await roleIn(person.cookie, ws.slug)).toBe('admin');
  });

  it('is limited per workspace: the 21st invitation within an hour is a 429 and sends nothing', async () => {
    const { owner, ws } = await workspaceWithRoles();
    for (let i = 0; i < 20; i++) expect((await invite(owner.cookie, ws.slug, newAddress())).status).toBe(201);
    const email = newAddress();
    const refused = await invite(owner.cookie, ws.slug, email);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await inviteMailCount(email)).toBe(0);
    const list = await call('GET', `/api/v1/w/${ws.slug}/invites`, { cookie: owner.cookie });
    expect(list.json.items).toHaveLength(20);
    // Resending draws from the same bucket.
    expect((await call('POST', `/api/v1/w/${ws.slug}/invites/${list.json.items[0].id}/resend`, { cookie: owner.cookie })).status).toBe(429);
    // Another workspace has its own allowance.
    const other = await createWorkspace(owner.cookie, 'Other');
    expect((await invite(owner.cookie, other.slug, email)).status).toBe(201);
  });

  it('answers 401 without a session and 404 for a workspace the caller is not in', async () => {
    const { ws } = await workspaceWithRoles();
    expect((await call('POST', `/api/v1/w/${ws.slug}/invites`, { body: { email: newAddress(), role: 'member' } })).status).toBe(401);
    const stranger = await signUp('Stranger');
    const res = await invite(stranger.cookie, ws.slug, newAddress());
    expect(res.status).toBe(404);
    expect((await call('GET', `/api/v1/w/${ws.slug}/invites`, { cookie: stranger.cookie })).status).toBe(404);
  });
});

describe('list, resend and revoke', () => {
  it('lists pending invites to owners and admins only', async () => {
    const { owner, ws, admin, member, viewer } = await workspaceWithRoles();
    const email = newAddress();
    await invite(owner.cookie, ws.slug, email, 'viewer');
    for (const person of [owner, admin]) {
      const res = await call('GET', `/api/v1/w/${ws.slug}/invites`, { cookie: person.cookie });
      expect(res.status).toBe(200);
      expect(res.json.items.map((i: { email: string }) => i.email)).toEqual([email]);
    }
    for (const person of [member, viewer])
      expect((await call('GET', `/api/v1/w/${ws.slug}/invites`, { cookie: person.cookie })).status).toBe(403);
  });

  it('resend sends a new link and the old one stops working', async () => {
    const { owner, ws, wsId } = await workspaceWithRoles();
    const email = newAddress();
    const created = await invite(owner.cookie, ws.slug, email);
    const oldToken = await inviteTokenFor(email);
    const res = await call('POST', `/api/v1/w/${ws.slug}/invites/${created.json.id}/resend`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(await inviteMailCount(email, 2)).toBe(2);
    const newToken = await inviteTokenFor(email, 2);
    expect(newToken).not.toBe(oldToken);
    const person = await signUpAs(email);
    expect((await accept(oldToken, person.cookie)).status).toBe(404);
    expect((await accept(newToken, person.cookie)).status).toBe(200);
    expect(await auditActions(wsId, inviteIds.parse(created.json.id) as string)).toEqual([
      'invite.created',
      'invite.resent',
      'invite.accepted',
    ]);
  });

  it('revoke withdraws the link and takes it off the list', async () => {
    const { owner, ws, wsId, member } = await workspaceWithRoles();
    const email = newAddress();
    const created = await invite(owner.cookie, ws.slug, email);
    const token = await inviteTokenFor(email);
    expect((await call('DELETE', `/api/v1/w/${ws.slug}/invites/${created.json.id}`, { cookie: member.cookie })).status).toBe(403);
    expect((await call('DELETE', `/api/v1/w/${ws.slug}/invites/${created.json.id}`, { cookie: owner.cookie })).status).toBe(204);
    expect((await call('DELETE', `/api/v1/w/${ws.slug}/invites/${created.json.id}`, { cookie: owner.cookie })).status).toBe(404);
    expect((await call('POST', `/api/v1/w/${ws.slug}/invites/${created.json.id}/resend`, { cookie: owner.cookie })).status).toBe(404);
    expect((await call('GET', `/api/v1/w/${ws.slug}/invites`, { cookie: owner.cookie })).json.items).toEqual([]);
    const person = await signUpAs(email);
    const refused = await accept(token, person.cookie);
    expect(refused.status).toBe(410);
    expect(refused.json.error.code).toBe('INVITE_REVOKED');
    expect(await roleIn(person.cookie, ws.slug)).toBeNull();
    expect(await auditActions(wsId, inviteIds.parse(created.json.id) as string)).toEqual(['invite.created', 'invite.revoked']);
  });

  it('an invite of one workspace is a 404 from another, even for its admins', async () => {
    const a = await workspaceWithRoles();
    const b = await createWorkspace(a.owner.cookie, 'Second');
    const created = await invite(a.owner.cookie, a.ws.slug, newAddress());
    expect((await call('DELETE', `/api/v1/w/${b.slug}/invites/${created.json.id}`, { cookie: a.owner.cookie })).status).toBe(404);
    expect((await call('POST', `/api/v1/w/${b.slug}/invites/${created.json.id}/resend`, { cookie: a.owner.cookie })).status).toBe(404);
    expect((await call('GET', `/api/v1/w/${b.slug}/invites`, { cookie: a.owner.cookie })).json.items).toEqual([]);
    expect((await call('GET', `/api/v1/w/${a.ws.slug}/invites`, { cookie: a.owner.cookie })).json.items).toHaveLength(1);
  });
});

describe('accepting an invitation', () => {
  it('shows the invitation to whoever holds the link, signed in or not', async () => {
    const { owner, ws } = await workspaceWithRoles();
    const email = newAddress();
    await invite(owner.cookie, ws.slug, email, 'viewer');
    const token = await inviteTokenFor(email);
    const res = await call('GET', `/api/v1/invites/${token}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      workspace: { id: ws.id, slug: ws.slug, name: 'Team Space' },
      email,
      role: 'viewer',
      inviter_name: 'Olivia Owner',
      status: 'pending',
    });
    expect((await call('GET', `/api/v1/invites/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).status).toBe(404);
    expect((await call('GET', '/api/v1/invites/short')).status).toBe(404);
  });

  it('a new account with the invited address joins with the stored role, once', async () => {
    const { owner, ws, wsId } = await workspaceWithRoles();
    const email = newAddress();
    const created = await invite(owner.cookie, ws.slug, email, 'viewer');
    const token = await inviteTokenFor(email);
    expect((await accept(token)).status).toBe(401);

    const person = await signUpAs(email.toUpperCase() === email ? email : email);
    const res = await accept(token, person.cookie);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ workspace: { id: ws.id, slug: ws.slug, name: 'Team Space' }, role: 'viewer' });
    expect(await roleIn(person.cookie, ws.slug)).toBe('viewer');
    expect((await call('GET', `/api/v1/w/${ws.slug}/teams`, { cookie: person.cookie })).status).toBe(200);

    const again = await accept(token, person.cookie);
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('INVITE_USED');
    expect((await call('GET', `/api/v1/invites/${token}`)).json.status).toBe('accepted');
    const id = inviteIds.parse(created.json.id) as string;
    const [row] = (await inspectSql()`select accepted_at is not null as used, accepted_by from invite where id = ${id}`) as Array<{
      used: boolean;
      accepted_by: string;
    }>;
    expect(row).toEqual({ used: true, accepted_by: parsePublicId('user', person.user.id) });
    const audit =
      (await inspectSql()`select actor_id, metadata from audit_log where action = 'invite.accepted' and target_id = ${id}`) as Array<{
        actor_id: string;
        metadata: { role: string };
      }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(parsePublicId('user', person.user.id));
    expect(audit[0]?.metadata.role).toBe('viewer');
    expect(await auditActions(wsId, id)).toEqual(['invite.created', 'invite.accepted']);
  });

  it('someone who already has an account just gains a membership', async () => {
    const { owner, ws } = await workspaceWithRoles();
    const existing = await signUp('Existing Person');
    const theirOwn = await createWorkspace(existing.cookie, 'Their own');
    await invite(owner.cookie, ws.slug, existing.email, 'admin');
    const res = await accept(await inviteTokenFor(existing.email), existing.cookie);
    expect(res.status).toBe(200);
    expect(await roleIn(existing.cookie, ws.slug)).toBe('admin');
    expect(await roleIn(existing.cookie, theirOwn.slug)).toBe('owner');
  });

  it('refuses a person signed in with another address, and the invitee can still accept', async () => {
    const { owner, ws } = await workspaceWithRoles();
    const email = newAddress();
    await invite(owner.cookie, ws.slug, email, 'admin');
    const token = await inviteTokenFor(email);
    const someoneElse = await signUp('Someone Else');
    const refused = await accept(token, someoneElse.cookie);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('INVITE_EMAIL_MISMATCH');
    expect(refused.json.error.message).toContain(email);
    expect(await roleIn(someoneElse.cookie, ws.slug)).toBeNull();

    const invitee = await signUpAs(email);
    expect((await accept(token, invitee.cookie)).status).toBe(200);
  });

  it('a changed link grants nothing; the role comes from the server', async () => {
    const { owner, ws } = await workspaceWithRoles();
    const email = newAddress();
    await invite(owner.cookie, ws.slug, email, 'viewer');
    const token = await inviteTokenFor(email);
    const person = await signUpAs(email);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await accept(tampered, person.cookie)).status).toBe(404);
    expect((await call('POST', `/api/v1/invites/${token}/accept?role=owner`, { cookie: person.cookie })).status).toBe(400);
    expect((await call('POST', `/api/v1/invites/${token}/accept`, { cookie: person.cookie, body: { role: 'owner' } })).status).toBe(200);
    expect(await roleIn(person.cookie, ws.slug)).toBe('viewer');
  });

  it('refuses an expired invitation', async () => {
    const { owner, ws } = await workspaceWithRoles();
    const email = newAddress();
    const created = await invite(owner.cookie, ws.slug, email);
    await inspectSql()`update invite set expires_at = now() - interval '1 second' where id = ${inviteIds.parse(created.json.id)}`;
    const person = await signUpAs(email);
    const res = await accept(await inviteTokenFor(email), person.cookie);
    expect(res.status).toBe(410);
    expect(res.json.error.code).toBe('INVITE_EXPIRED');
    expect(await roleIn(person.cookie, ws.slug)).toBeNull();
    const list = await call('GET', `/api/v1/w/${ws.slug}/invites`, { cookie: owner.cookie });
    expect(list.json.items[0].expired).toBe(true);
  });

  it('refuses API keys: an invitation is accepted by a person', async () => {
    const { owner, ws } = await workspaceWithRoles();
    const email = newAddress();
    await invite(owner.cookie, ws.slug, email);
    const token = await inviteTokenFor(email);
    const key = (await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'bot', role: 'admin' } })).json
      .key as string;
    expect((await call('POST', `/api/v1/invites/${token}/accept`, { apiKey: key })).status).toBe(403);
  });

  it('needs a trusted origin (CSRF) to accept with a cookie', async () => {
    const { owner, ws } = await workspaceWithRoles();
    const email = newAddress();
    await invite(owner.cookie, ws.slug, email);
    const person = await signUpAs(email);
    const res = await call('POST', `/api/v1/invites/${await inviteTokenFor(email)}/accept`, {
      cookie: person.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(await roleIn(person.cookie, ws.slug)).toBeNull();
  });
});

describe('GET /api/v1/w/{workspace}/invites pages', () => {
  it('newest first with a cursor: every pending invite once, over several pages; a bad cursor is refused', async () => {
    const { owner, ws } = await workspaceWithRoles();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await invite(owner.cookie, ws.slug, newAddress())).json.id);
    const items = await expectPagedList(`/api/v1/w/${ws.slug}/invites`, { cookie: owner.cookie }, ids);
    expect(items.map((i) => i.id)).toEqual([...ids].reverse());
  });
});
