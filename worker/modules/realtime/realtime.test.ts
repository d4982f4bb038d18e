import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember } from '../../test/db.ts';
import { createApiKey, workspaceUuid } from '../../test/lifecycle.ts';
import { loadConfig } from '../../kernel/config.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { hubCloseCodes } from '../../kernel/realtime.ts';
import type { HubNamespace } from './realtime.hub.ts';
import { pushToPerson } from './realtime.push.ts';
import { signTicket } from './realtime.ticket.ts';
import { Client, connect, handshake, invite, memberIdOf, ticketFor, workspaceOfTwo } from './realtime.test-helpers.ts';

const hubs = () => env.WORKSPACE_HUB as HubNamespace;
const uuidOf = (userPublicId: string) => parsePublicId('user', userPublicId) as string;

describe('realtime: tickets', () => {
  it('gives any member a ticket that lives at most 60 seconds and opens one socket, once', async () => {
    const { other, ws } = await workspaceOfTwo('viewer');
    const before = Date.now();
    const ticket = await ticketFor(ws.slug, { cookie: other.cookie });
    expect(Date.parse(ticket.expires_at) - before).toBeLessThanOrEqual(60_000);
    expect(ticket.websocket_path).toBe(`/api/v1/w/${ws.id}/realtime/connect?ticket=${encodeURIComponent(ticket.ticket)}`);

    const first = await handshake(ticket.websocket_path, { cookie: other.cookie });
    expect(first.status).toBe(101);
    new Client(first.webSocket as WebSocket);
    const again = await handshake(ticket.websocket_path, { cookie: other.cookie });
    expect(again.status).toBe(403);
    expect(again.webSocket).toBeNull();
    expect((await again.json<{ error: { code: string } }>()).error.code).toBe('REALTIME_TICKET_INVALID');
  });

  it('refuses an altered or expired ticket (403) and a missing one (400) before the upgrade', async () => {
    const { owner, ws } = await workspaceOfTwo();
    const base = `/api/v1/w/${ws.id}/realtime/connect`;
    const { ticket } = await ticketFor(ws.slug, { cookie: owner.cookie });
    const expired = await signTicket(
      loadConfig(env).APP_SECRET,
      { workspaceId: workspaceUuid(ws.id), personId: uuidOf(owner.user.id), credential: 'unused' },
      Date.now() - 120_000,
    );
    for (const query of [`?ticket=${ticket.slice(0, -2)}xx`, `?ticket=${encodeURIComponent(expired.ticket)}`]) {
      const res = await handshake(`${base}${query}`, { cookie: owner.cookie });
      expect(res.status, query).toBe(403);
      expect(res.webSocket).toBeNull();
    }
    const missing = await handshake(base, { cookie: owner.cookie });
    expect(missing.status).toBe(400);
    expect(missing.webSocket).toBeNull();
  });

  it("refuses B's ticket on A's hub: an outsider's credential is a 404, a member of both gets 403 for the wrong workspace", async () => {
    const a = await workspaceOfTwo();
    const b = await signUp('Bea Elsewhere');
    const bWorkspace = await createWorkspace(b.cookie, 'B');
    const bTicket = await ticketFor(bWorkspace.slug, { cookie: b.cookie });
    const outsider = await handshake(`/api/v1/w/${a.ws.id}/realtime/connect?ticket=${encodeURIComponent(bTicket.ticket)}`, {
      cookie: b.cookie,
    });
    expect(outsider.status).toBe(404);

    await addMember(workspaceUuid(a.ws.id), uuidOf(b.user.id), 'member');
    const fresh = await ticketFor(bWorkspace.slug, { cookie: b.cookie });
    const wrongHub = await handshake(`/api/v1/w/${a.ws.id}/realtime/connect?ticket=${encodeURIComponent(fresh.ticket)}`, {
      cookie: b.cookie,
    });
    expect(wrongHub.status).toBe(403);
    expect(wrongHub.webSocket).toBeNull();
    // Nor does a ticket travel to another credential of the same workspace.
    const theirs = await ticketFor(a.ws.slug, { cookie: a.other.cookie });
    const stolen = await handshake(theirs.websocket_path, { cookie: b.cookie });
    expect(stolen.status).toBe(403);
  });

  it('answers 426 to a request that is not a handshake, after checking the credential', async () => {
    const { owner, ws } = await workspaceOfTwo();
    const { websocket_path } = await ticketFor(ws.slug, { cookie: owner.cookie });
    const res = await call('GET', websocket_path, { cookie: owner.cookie });
    expect(res.status).toBe(426);
    expect(res.json.error.code).toBe('UPGRADE_REQUIRED');
  });
});

describe('realtime: the origin of a cookie-borne handshake', () => {
  it.each(['https://evil.example', 'null', 'https://app.example.com.evil.example'])(
    'refuses %s with 403 before the upgrade, spending nothing',
    async (foreign) => {
      const { owner, ws } = await workspaceOfTwo();
      const { websocket_path } = await ticketFor(ws.slug, { cookie: owner.cookie });
      const res = await handshake(websocket_path, { cookie: owner.cookie, origin: foreign });
      expect(res.status).toBe(403);
      expect(res.webSocket).toBeNull();
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('CSRF_REJECTED');
      const ours = await handshake(websocket_path, { cookie: owner.cookie });
      expect(ours.status).toBe(101);
      new Client(ours.webSocket as WebSocket);
    },
  );

  it('lets an API key connect without an Origin: a bearer credential carries no ambient authority', async () => {
    const { owner, ws } = await workspaceOfTwo();
    const apiKey = await createApiKey(owner.cookie, ws.slug, 'viewer');
    const { websocket_path } = await ticketFor(ws.slug, { apiKey });
    const res = await handshake(websocket_path, { apiKey, origin: null });
    expect(res.status).toBe(101);
    new Client(res.webSocket as WebSocket);
  });
});

describe('realtime: what flows', () => {
  it('turns an invitation into {kind, ids, version} for every connected member, with no row data', async () => {
    const { owner, other, ws } = await workspaceOfTwo('viewer');
    const watcher = await connect(ws.slug, { cookie: other.cookie });
    const invited = await invite(ws.slug, owner.cookie);
    expect(await watcher.message('members.invited')).toEqual({ kind: 'members.invited', ids: { invite: invited.id }, version: 1 });
    expect(JSON.stringify(watcher.messages)).not.toContain(invited.email);
  });

  it('keeps another workspace’s events out of a hub', async () => {
    const mine = await workspaceOfTwo();
    const theirs = await workspaceOfTwo();
    const watcher = await connect(mine.ws.slug, { cookie: mine.owner.cookie });
    await invite(theirs.ws.slug, theirs.owner.cookie);
    const ours = await invite(mine.ws.slug, mine.owner.cookie);
    expect((await watcher.message('members.invited')).ids).toEqual({ invite: ours.id });
    expect(watcher.messages.filter((m) => m.kind === 'members.invited')).toHaveLength(1);
  });

  it('streams the same messages as server-sent events', async () => {
    const { owner, other, ws } = await workspaceOfTwo();
    const { events_path } = await ticketFor(ws.slug, { cookie: other.cookie });
    const res = await handshake(events_path, { cookie: other.cookie, headers: { upgrade: '', accept: 'text/event-stream' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    const invited = await invite(ws.slug, owner.cookie);
    let text = '';
    const deadline = Date.now() + 1000;
    while (!text.includes('members.invited') && Date.now() < deadline) text += (await reader.read()).value ?? '';
    expect(text).toContain(`data: {"kind":"members.invited","ids":{"invite":"${invited.id}"},"version":1}`);
    await reader.cancel();
  });

  it('pushes a personal message to one person’s sockets only (pushToPerson)', async () => {
    const { owner, other, ws } = await workspaceOfTwo();
    const theirs = await connect(ws.slug, { cookie: other.cookie });
    const mine = await connect(ws.slug, { cookie: owner.cookie });
    const sent = await pushToPerson(hubs(), workspaceUuid(ws.id), uuidOf(other.user.id), {
      kind: 'notification.created',
      ids: {},
      version: 1,
    });
    expect(sent).toBe(1);
    await theirs.message('notification.created');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mine.messages.some((m) => m.kind === 'notification.created')).toBe(false);
  });
});

describe('realtime: presence', () => {
  it('shows who is online to everyone connected and at GET …/presence, and drops a person who leaves', async () => {
    const { owner, other, ws } = await workspaceOfTwo('viewer');
    const a = await connect(ws.slug, { cookie: owner.cookie });
    const b = await connect(ws.slug, { cookie: other.cookie });
    const both = [owner.user.id, other.user.id].sort();
    await a.until(() => a.present.length === 2);
    expect(a.present).toEqual(both);
    await b.until(() => b.present.length === 2);
    const listed = await call('GET', `/api/v1/w/${ws.slug}/realtime/presence`, { cookie: other.cookie });
    expect(listed.json.people.map((p: { id: string }) => p.id)).toEqual(both);
    b.ws.close(1000, 'bye');
    await a.until(() => a.present.length === 1);
    expect(a.present).toEqual([owner.user.id]);
  });

  it('answers a heartbeat without the hub (ping → pong) and presence on request', async () => {
    const { owner, ws } = await workspaceOfTwo();
    const a = await connect(ws.slug, { cookie: owner.cookie });
    const pongs: string[] = [];
    a.ws.addEventListener('message', (e) => {
      if (e.data === 'pong') pongs.push('pong');
    });
    a.ws.send('ping');
    await a.until(() => pongs.length === 1).catch(() => undefined);
    expect(pongs).toEqual(['pong']);
  });
});

describe('realtime: caps and close codes', () => {
  it('closes a message over 4 KiB with 4013, a flood with 4029 and an unknown message with 4000', async () => {
    const { owner, ws } = await workspaceOfTwo();
    const big = await connect(ws.slug, { cookie: owner.cookie });
    big.ws.send('x'.repeat(4097));
    expect((await big.close()).code).toBe(hubCloseCodes.messageTooBig);
    const flood = await connect(ws.slug, { cookie: owner.cookie });
    for (let i = 0; i < 30; i++) flood.ws.send('presence');
    expect((await flood.close()).code).toBe(hubCloseCodes.tooManyMessages);
    const odd = await connect(ws.slug, { cookie: owner.cookie });
    odd.ws.send('{"kind":"project.created"}');
    expect((await odd.close()).code).toBe(hubCloseCodes.badMessage);
  });

  it('closes a person’s ninth socket with 4008', async () => {
    const { owner, ws } = await workspaceOfTwo();
    const open: Client[] = [];
    for (let i = 0; i < 8; i++) open.push(await connect(ws.slug, { cookie: owner.cookie }));
    const ninth = await connect(ws.slug, { cookie: owner.cookie });
    expect((await ninth.close()).code).toBe(hubCloseCodes.tooManyForPerson);
    expect(open.every((c) => c.closed === null)).toBe(true);
  });
});

describe('realtime: revocation reaches open sockets within a second', () => {
  it('closes a removed member’s sockets with 4401, and no one else’s', async () => {
    const { owner, other, ws } = await workspaceOfTwo();
    const theirs = await connect(ws.slug, { cookie: other.cookie });
    const mine = await connect(ws.slug, { cookie: owner.cookie });
    const res = await call('DELETE', `/api/v1/w/${ws.slug}/members/${await memberIdOf(ws.slug, owner.cookie, other.user.id)}`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(204);
    expect((await theirs.close()).code).toBe(hubCloseCodes.revoked);
    await mine.until(() => mine.present.length === 1 && mine.present[0] === owner.user.id);
    expect(mine.closed).toBeNull();
  });

  it('closes the sockets of a revoked session in every workspace of its person', async () => {
    const { other, ws } = await workspaceOfTwo();
    const second = await createWorkspace(other.cookie, 'Own');
    const here = await connect(ws.slug, { cookie: other.cookie });
    const there = await connect(second.slug, { cookie: other.cookie });
    const sessions = await call('GET', '/api/v1/me/sessions', { cookie: other.cookie });
    const current = (sessions.json.items as Array<{ id: string; current: boolean }>).find((s) => s.current);
    expect((await call('DELETE', `/api/v1/me/sessions/${current?.id}`, { cookie: other.cookie })).status).toBe(204);
    expect((await here.close()).code).toBe(hubCloseCodes.revoked);
    expect((await there.close()).code).toBe(hubCloseCodes.revoked);
  });

  it('closes the sockets of a revoked API key', async () => {
    const { owner, ws } = await workspaceOfTwo();
    const apiKey = await createApiKey(owner.cookie, ws.slug, 'viewer');
    const bySession = await connect(ws.slug, { cookie: owner.cookie });
    const byKey = await connect(ws.slug, { apiKey });
    const keys = await call('GET', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie });
    const keyId = (keys.json.items as Array<{ id: string }>)[0]?.id;
    expect((await call('DELETE', `/api/v1/w/${ws.slug}/api-keys/${keyId}`, { cookie: owner.cookie })).status).toBe(204);
    expect((await byKey.close()).code).toBe(hubCloseCodes.revoked);
    expect(bySession.closed).toBeNull();
  });

  it('tells a demoted member’s sockets that their access changed', async () => {
    const { owner, other, ws } = await workspaceOfTwo('admin');
    const theirs = await connect(ws.slug, { cookie: other.cookie });
    const member = await memberIdOf(ws.slug, owner.cookie, other.user.id);
    expect((await call('PATCH', `/api/v1/w/${ws.slug}/members/${member}`, { cookie: owner.cookie, body: { role: 'viewer' } })).status).toBe(
      200,
    );
    expect(await theirs.message('access.changed')).toEqual({ kind: 'access.changed', ids: {}, version: 1 });
    expect(theirs.closed).toBeNull();
  });

  it('closes every socket of a deleted workspace with 4410', async () => {
    const { owner, other, ws } = await workspaceOfTwo();
    const sockets = [await connect(ws.slug, { cookie: owner.cookie }), await connect(ws.slug, { cookie: other.cookie })];
    expect((await call('DELETE', `/api/v1/w/${ws.slug}`, { cookie: owner.cookie })).status).toBe(200);
    for (const socket of sockets) expect((await socket.close()).code).toBe(hubCloseCodes.deleted);
  });
});
