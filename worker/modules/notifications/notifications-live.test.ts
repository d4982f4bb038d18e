import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call } from '../../test/client.ts';
import { newAddress, workspaceWithRoles } from '../members/members.test-helpers.ts';
import { connect } from '../realtime/realtime.test-helpers.ts';
import { dispatch, inboxOf, rowsOf } from './notifications.test-helpers.ts';

describe('notifications pushed live through the workspace hub', () => {
  it('tells the person’s open socket once the row is committed, and a chatty one seen live leaves the digest', async () => {
    const s = await workspaceWithRoles();
    const admin = parsePublicId('user', s.admin.user.id) as string;
    const adminSocket = await connect(s.ws.slug, { cookie: s.admin.cookie });
    const memberSocket = await connect(s.ws.slug, { cookie: s.member.cookie });

    const invited = await call('POST', `/api/v1/w/${s.ws.slug}/invites`, {
      cookie: s.owner.cookie,
      body: { email: newAddress(), role: 'member' },
    });
    expect(invited.status).toBe(201);
    await dispatch(s.wsId, 'members.invited');

    const pushed = await adminSocket.message('notification.created');
    const inbox = await inboxOf(s.admin.cookie, s.ws.slug);
    expect(inbox.json.items.map((n: { id: string }) => n.id)).toEqual([pushed.ids?.notification]);
    expect((await rowsOf(s.wsId, admin, 'member.invited')).map((r) => r.digest_pending)).toEqual([false]);
    // Invitations are for admins: the member's socket is told nothing.
    expect(memberSocket.messages.some((m) => m.kind === 'notification.created')).toBe(false);
  });
});
