import { beforeAll, describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call } from '../../test/client.ts';
import { warmUpMailRendering } from '../../test/inbox.ts';
import { workspaceWithRoles } from '../members/members.test-helpers.ts';
import { dispatch, inboxOf, joins, notificationMails } from './notifications.test-helpers.ts';

beforeAll(() => warmUpMailRendering());

const linkIn = (header: string | undefined) => /^<(https?:\/\/[^>]+)>$/.exec(header ?? '')?.[1] ?? '';
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const emailPreference = async (cookie: string, slug: string, kind: string) =>
  (await call('GET', `/api/v1/w/${slug}/notification-preferences`, { cookie })).json.items.find((p: { kind: string }) => p.kind === kind)
    .email.enabled;

describe('one-click unsubscribe', () => {
  it('puts List-Unsubscribe, List-Unsubscribe-Post and a footer link on mail that can be turned off', async () => {
    const s = await workspaceWithRoles();
    await joins(s.ws.slug, s.owner.cookie);
    await dispatch(s.wsId, 'members.changed');
    const [mail, ...more] = await notificationMails(s.admin.email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Team Space: Grace Hopper joined Team Space');
    expect(mail?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const link = linkIn(mail?.headers['List-Unsubscribe']);
    expect(link).toMatch(/^http:\/\/localhost:8787\/unsubscribe\?token=[A-Za-z0-9_%.-]+$/);
    expect(mail?.html).toContain(link.replaceAll('&', '&amp;'));
    expect(mail?.text).toContain('Unsubscribe from these emails');
  });

  it('turns off only that kind’s email for that person, honoured by every later send; the GET page asks first', async () => {
    const s = await workspaceWithRoles();
    await joins(s.ws.slug, s.owner.cookie, 'member', 'First');
    await dispatch(s.wsId, 'members.changed');
    const [mail] = await notificationMails(s.admin.email);
    const path = pathOf(linkIn(mail?.headers['List-Unsubscribe']));

    const page = await call('GET', path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Stop emails about “Someone joined the workspace” in Team Space?');
    expect(await emailPreference(s.admin.cookie, s.ws.slug, 'member.joined')).toBe(true);

    // What a mail client sends (RFC 8058): a POST with no cookie, the form body naming One-Click.
    const oneClick = await call('POST', path, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status, oneClick.text).toBe(200);
    expect(oneClick.text).toContain('Unsubscribed');
    expect(await emailPreference(s.admin.cookie, s.ws.slug, 'member.joined')).toBe(false);
    // Nothing else changed: the owner's email, the admin's inbox for the kind, the admin's other kinds.
    expect(await emailPreference(s.owner.cookie, s.ws.slug, 'member.joined')).toBe(true);
    const prefs = (await call('GET', `/api/v1/w/${s.ws.slug}/notification-preferences`, { cookie: s.admin.cookie })).json.items;
    for (const p of prefs) {
      expect(p.in_app.enabled).toBe(true);
      if (p.kind !== 'member.joined') expect(p.email.enabled).toBe(true);
    }

    await joins(s.ws.slug, s.owner.cookie, 'member', 'Second');
    await dispatch(s.wsId, 'members.changed');
    expect((await notificationMails(s.admin.email)).map((m) => m.subject)).toEqual(['Team Space: First joined Team Space']);
    expect((await notificationMails(s.owner.email)).map((m) => m.subject)).toEqual([
      'Team Space: Second joined Team Space',
      'Team Space: First joined Team Space',
    ]);
    const joined = (await inboxOf(s.admin.cookie, s.ws.slug)).json.items.filter((n: { kind: string }) => n.kind === 'member.joined');
    expect(joined.map((n: { text: string }) => n.text)).toEqual(['Second joined Team Space', 'First joined Team Space']);
  });

  it('refuses an altered, truncated or missing token and changes nothing', async () => {
    const s = await workspaceWithRoles();
    await joins(s.ws.slug, s.owner.cookie);
    await dispatch(s.wsId, 'members.changed');
    const [mail] = await notificationMails(s.admin.email);
    const url = new URL(linkIn(mail?.headers['List-Unsubscribe']));
    const token = url.searchParams.get('token') as string;
    const [body, signature] = token.split('.') as [string, string];
    // Another person's address in a token signed for the admin: the signature no longer matches.
    const forged = JSON.parse(atob(body.replaceAll('-', '+').replaceAll('_', '/')));
    forged.u = parsePublicId('user', s.owner.user.id);
    const forgedBody = btoa(JSON.stringify(forged)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
    for (const bad of [`${forgedBody}.${signature}`, token.slice(0, -3), `${body}.`, '']) {
      for (const method of ['GET', 'POST']) {
        const res = await call(method, `/unsubscribe?token=${encodeURIComponent(bad)}`);
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('INVALID_TOKEN');
      }
    }
    expect(await emailPreference(s.admin.cookie, s.ws.slug, 'member.joined')).toBe(true);
    expect(await emailPreference(s.owner.cookie, s.ws.slug, 'member.joined')).toBe(true);
  });
});

describe('notification preferences', () => {
  it('lists every kind with its defaults, and turning the inbox off for a kind keeps later ones out of it', async () => {
    const s = await workspaceWithRoles();
    const list = await call('GET', `/api/v1/w/${s.ws.slug}/notification-preferences`, { cookie: s.admin.cookie });
    expect(list.json.items).toEqual(
      expect.arrayContaining([
        {
          kind: 'member.invited',
          summary: 'Someone was invited to the workspace',
          category: 'product',
          chatty: true,
          in_app: { enabled: true, can_disable: true },
          email: { enabled: true, can_disable: true, digest: 'daily' },
        },
        expect.objectContaining({
          kind: 'member.role_changed',
          category: 'security',
          email: { enabled: true, can_disable: false, digest: null },
        }),
      ]),
    );
    const off = await call('PUT', `/api/v1/w/${s.ws.slug}/notification-preferences/member.joined`, {
      cookie: s.admin.cookie,
      body: { channel: 'in_app', enabled: false },
    });
    expect(off.status, off.text).toBe(200);
    expect(off.json.in_app).toEqual({ enabled: false, can_disable: true });
    await joins(s.ws.slug, s.owner.cookie);
    await dispatch(s.wsId, 'members.changed');
    await dispatch(s.wsId, 'members.invited');
    // The admin still hears of the invitation in the app, and of the join by email only.
    const kinds = async (cookie: string) => (await inboxOf(cookie, s.ws.slug)).json.items.map((n: { kind: string }) => n.kind);
    expect(await kinds(s.admin.cookie)).toEqual(['member.invited']);
    expect(await kinds(s.owner.cookie)).toEqual(['member.joined']);
    expect((await notificationMails(s.admin.email)).map((m) => m.subject)).toEqual(['Team Space: Grace Hopper joined Team Space']);
  });

  it('refuses an unknown kind, a digest on a kind that is not chatty, and an unknown field, changing nothing', async () => {
    const s = await workspaceWithRoles();
    const put = (kind: string, body: unknown) =>
      call('PUT', `/api/v1/w/${s.ws.slug}/notification-preferences/${kind}`, { cookie: s.member.cookie, body });
    expect((await put('nope.kind', { channel: 'email', enabled: false })).status).toBe(404);
    const digest = await put('member.joined', { channel: 'email', enabled: true, digest: 'hourly' });
    expect(digest.status).toBe(400);
    expect(digest.json.error.fields).toEqual({ digest: ['is for the email channel of a chatty kind'] });
    expect((await put('member.joined', { channel: 'sms', enabled: false })).status).toBe(400);
    const items = (await call('GET', `/api/v1/w/${s.ws.slug}/notification-preferences`, { cookie: s.member.cookie })).json.items;
    for (const p of items) expect([p.in_app.enabled, p.email.enabled]).toEqual([true, true]);
  });
});
