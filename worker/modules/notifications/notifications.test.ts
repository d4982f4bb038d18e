import { beforeAll, describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call } from '../../test/client.ts';
import { warmUpMailRendering } from '../../test/inbox.ts';
import { memberIdOf, workspaceWithRoles } from '../members/members.test-helpers.ts';
import { dispatch, inboxOf, joins, notificationMails, rowsOf } from './notifications.test-helpers.ts';

beforeAll(() => warmUpMailRendering());

const uuidOf = (userId: string) => parsePublicId('user', userId) as string;

describe('the notification inbox', () => {
  it('tells owners and admins who joined, through the outbox, once however often the event is delivered', async () => {
    const s = await workspaceWithRoles();
    const grace = await joins(s.ws.slug, s.owner.cookie);
    const [event] = await dispatch(s.wsId, 'members.changed');
    expect(event?.payload).toMatchObject({ change: 'joined', userId: uuidOf(grace.user.id) });
    await dispatch(s.wsId, 'members.changed');
    // Grace's invitation came first; the queue may have delivered it already, and a redelivery adds nothing.
    await dispatch(s.wsId, 'members.invited');

    const joined = expect.objectContaining({
      kind: 'member.joined',
      text: 'Grace Hopper joined Team Space',
      link: `/w/${s.ws.slug}/members`,
      read_at: null,
    });
    const owners = await inboxOf(s.owner.cookie, s.ws.slug);
    expect(owners.status, owners.text).toBe(200);
    // The owner sent the invitation, so is not told of it.
    expect(owners.json.items).toEqual([joined]);
    expect(owners.json.items[0].id).toMatch(/^ntf_/);
    const admins = await inboxOf(s.admin.cookie, s.ws.slug);
    expect(admins.json.items).toHaveLength(2);
    expect(admins.json.items).toEqual(
      expect.arrayContaining([
        joined,
        expect.objectContaining({ kind: 'member.invited', text: `${grace.email} was invited to Team Space as member`, read_at: null }),
      ]),
    );
    // Members, viewers and the one who joined are not told.
    for (const person of [s.member, s.viewer, grace]) expect((await inboxOf(person.cookie, s.ws.slug)).json.items).toEqual([]);
  });

  it('counts unread, marks one read (twice keeps the first time) and all read, and pages with a cursor', async () => {
    const s = await workspaceWithRoles();
    // The invitations before each join notify the admin too: keep them out of this inbox.
    const quiet = { channel: 'in_app', enabled: false };
    await call('PUT', `/api/v1/w/${s.ws.slug}/notification-preferences/member.invited`, { cookie: s.admin.cookie, body: quiet });
    await call('PUT', `/api/v1/w/${s.ws.slug}/notification-preferences/member.invited`, { cookie: s.owner.cookie, body: quiet });
    for (const name of ['One', 'Two', 'Three']) await joins(s.ws.slug, s.owner.cookie, 'member', name);
    await dispatch(s.wsId, 'members.changed');
    const count = () => call('GET', `/api/v1/w/${s.ws.slug}/notifications/unread-count`, { cookie: s.admin.cookie });
    expect((await count()).json).toEqual({ unread: 3 });

    const first = await inboxOf(s.admin.cookie, s.ws.slug, '?limit=2');
    expect(first.json.items.map((n: { text: string }) => n.text)).toEqual(['Three joined Team Space', 'Two joined Team Space']);
    expect(first.json.has_more).toBe(true);
    const second = await inboxOf(s.admin.cookie, s.ws.slug, `?limit=2&cursor=${encodeURIComponent(first.json.next_cursor)}`);
    expect(second.json).toMatchObject({
      items: [expect.objectContaining({ text: 'One joined Team Space' })],
      has_more: false,
      next_cursor: null,
    });
    const wrongQuery = await inboxOf(s.admin.cookie, s.ws.slug, `?unread=true&cursor=${encodeURIComponent(first.json.next_cursor)}`);
    expect(wrongQuery.json.error.code).toBe('INVALID_CURSOR');

    const id = first.json.items[0].id;
    const marked = await call('POST', `/api/v1/w/${s.ws.slug}/notifications/${id}/read`, { cookie: s.admin.cookie });
    expect(marked.status, marked.text).toBe(200);
    expect(marked.json.read_at).not.toBeNull();
    const again = await call('POST', `/api/v1/w/${s.ws.slug}/notifications/${id}/read`, { cookie: s.admin.cookie });
    expect(again.json.read_at).toBe(marked.json.read_at);
    expect((await count()).json).toEqual({ unread: 2 });
    expect((await inboxOf(s.admin.cookie, s.ws.slug, '?unread=true')).json.items).toHaveLength(2);
    // The owner's copies are theirs: the admin's marks leave them unread.
    expect((await call('GET', `/api/v1/w/${s.ws.slug}/notifications/unread-count`, { cookie: s.owner.cookie })).json).toEqual({
      unread: 3,
    });

    const all = await call('POST', `/api/v1/w/${s.ws.slug}/notifications/read-all`, { cookie: s.admin.cookie });
    expect(all.json).toEqual({ marked: 2 });
    expect((await count()).json).toEqual({ unread: 0 });
    // The invitations, kept out of the inbox, still wait for the admin's digest: reading the inbox left them.
    await dispatch(s.wsId, 'members.invited');
    const waiting = await rowsOf(s.wsId, uuidOf(s.admin.user.id), 'member.invited');
    expect(waiting.map((r) => [r.in_app, r.digest_pending, r.read_at])).toEqual([
      [false, true, null],
      [false, true, null],
      [false, true, null],
    ]);
  });

  it("is a 404 for someone else's notification, in the same workspace or another, and changes nothing", async () => {
    const s = await workspaceWithRoles();
    await joins(s.ws.slug, s.owner.cookie);
    await dispatch(s.wsId, 'members.changed');
    const [mine] = (await inboxOf(s.owner.cookie, s.ws.slug)).json.items;
    const other = await workspaceWithRoles();
    for (const [cookie, slug] of [
      [s.member.cookie, s.ws.slug],
      [s.admin.cookie, s.ws.slug],
      [other.owner.cookie, other.ws.slug],
    ]) {
      const res = await call('POST', `/api/v1/w/${slug}/notifications/${mine.id}/read`, { cookie });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
    }
    expect((await inboxOf(s.owner.cookie, s.ws.slug)).json.items[0].read_at).toBeNull();
    const [row] = await rowsOf(s.wsId, uuidOf(s.owner.user.id), 'member.joined');
    expect(row?.read_at).toBeNull();
  });

  it('tells a member their role changed, by email too, which security mail cannot be turned off and carries no unsubscribe', async () => {
    const s = await workspaceWithRoles();
    const memberId = await memberIdOf(s.owner.cookie, s.ws.slug, s.member.user.id);
    const refused = await call('PUT', `/api/v1/w/${s.ws.slug}/notification-preferences/member.role_changed`, {
      cookie: s.member.cookie,
      body: { channel: 'email', enabled: false },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'NOTIFICATION_REQUIRED', message: 'Security email cannot be turned off' });

    const changed = await call('PATCH', `/api/v1/w/${s.ws.slug}/members/${memberId}`, { cookie: s.owner.cookie, body: { role: 'admin' } });
    expect(changed.status, changed.text).toBe(200);
    await dispatch(s.wsId, 'members.role_changed');
    expect((await inboxOf(s.member.cookie, s.ws.slug)).json.items).toEqual([
      expect.objectContaining({ kind: 'member.role_changed', text: 'Your role in Team Space is now admin' }),
    ]);
    const [mail, ...more] = await notificationMails(s.member.email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Team Space: Your role in Team Space is now admin');
    expect(mail?.headers).toEqual({});
    expect(mail?.text).not.toContain('unsubscribe');
  });
});
