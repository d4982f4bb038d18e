import { beforeAll, describe, expect, it } from 'vitest';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { warmUpMailRendering } from '../../test/inbox.ts';
import { newAddress, workspaceWithRoles } from '../members/members.test-helpers.ts';
import { dispatch, inboxOf, notificationMails, rowsOf } from './notifications.test-helpers.ts';

beforeAll(() => warmUpMailRendering());

const runDigest = async () => {
  const message = delivery(envelope('notifications.digest', {}));
  const result = await runBatch([message]);
  expect(result.explicitAcks).toEqual([message.id]);
};

/** Moves a person's notifications of a workspace back in time, as if they had waited that long. */
const age = (workspaceId: string, personId: string, interval: string) =>
  inspectSql()`update notification set created_at = now() - ${interval}::interval where workspace_id = ${workspaceId} and person_id = ${personId}`;

/**
 * An hour old, but from today (UTC): a daily digest takes what is older than midnight, so in the
 * first hour of the day an hour-old notification would already be due.
 */
const hourOldToday = (workspaceId: string, personId: string) =>
  inspectSql()`update notification set created_at = greatest(now() - interval '61 minutes', date_trunc('day', now())) where workspace_id = ${workspaceId} and person_id = ${personId}`;

async function invite(slug: string, cookie: string) {
  const res = await call('POST', `/api/v1/w/${slug}/invites`, { cookie, body: { email: newAddress(), role: 'member' } });
  expect(res.status, res.text).toBe(201);
}

describe('digests of chatty notifications', () => {
  it('mails no chatty notification at once, then one digest per kind, once however often the job runs', async () => {
    const s = await workspaceWithRoles();
    const admin = parsePublicId('user', s.admin.user.id) as string;
    await invite(s.ws.slug, s.owner.cookie);
    await invite(s.ws.slug, s.owner.cookie);
    await dispatch(s.wsId, 'members.invited');
    expect((await inboxOf(s.admin.cookie, s.ws.slug)).json.items).toHaveLength(2);
    expect(await notificationMails(s.admin.email)).toEqual([]);
    expect((await rowsOf(s.wsId, admin, 'member.invited')).map((r) => r.digest_pending)).toEqual([true, true]);

    // Made this hour: not due for the daily digest yet.
    await runDigest();
    expect(await notificationMails(s.admin.email)).toEqual([]);

    await age(s.wsId, admin, '2 days');
    await Promise.all([runDigest(), runDigest()]);
    await runDigest();
    const [digest, ...more] = await notificationMails(s.admin.email);
    expect(more).toEqual([]);
    expect(digest?.tag).toBe('notification-digest');
    expect(digest?.subject).toBe('Team Space: 2 × someone was invited to the workspace');
    expect(digest?.text).toContain('Your daily digest');
    expect(digest?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect((await rowsOf(s.wsId, admin, 'member.invited')).map((r) => r.digest_pending)).toEqual([false, false]);
  });

  it('leaves out what the person already read, sends hourly when they chose it, and nothing once they turned the email off', async () => {
    const s = await workspaceWithRoles();
    const admin = parsePublicId('user', s.admin.user.id) as string;
    const member = parsePublicId('user', s.member.user.id) as string;
    const hourly = await call('PUT', `/api/v1/w/${s.ws.slug}/notification-preferences/member.invited`, {
      cookie: s.admin.cookie,
      body: { channel: 'email', enabled: true, digest: 'hourly' },
    });
    expect(hourly.json.email).toEqual({ enabled: true, can_disable: true, digest: 'hourly' });
    // The owner turns this kind's email off; a member is promoted to admin and so hears about invites too.
    const off = await call('PUT', `/api/v1/w/${s.ws.slug}/notification-preferences/member.invited`, {
      cookie: s.owner.cookie,
      body: { channel: 'email', enabled: false },
    });
    expect(off.status).toBe(200);
    await inspectSql()`update membership set role = 'admin' where workspace_id = ${s.wsId} and user_id = ${member}`;

    await invite(s.ws.slug, s.admin.cookie);
    await invite(s.ws.slug, s.admin.cookie);
    await dispatch(s.wsId, 'members.invited');
    const [latest] = (await inboxOf(s.member.cookie, s.ws.slug)).json.items;
    await call('POST', `/api/v1/w/${s.ws.slug}/notifications/${latest.id}/read`, { cookie: s.member.cookie });

    await hourOldToday(s.wsId, member);
    await age(s.wsId, parsePublicId('user', s.owner.user.id) as string, '2 days');
    await runDigest();
    // The member (daily by default) is not due after an hour; the owner turned the email off.
    expect(await notificationMails(s.member.email)).toEqual([]);
    expect(await notificationMails(s.owner.email)).toEqual([]);
    await age(s.wsId, member, '2 days');
    await runDigest();
    const [digest, ...more] = await notificationMails(s.member.email);
    expect(more).toEqual([]);
    expect(digest?.subject).toBe('Team Space: 1 × someone was invited to the workspace');
    // The admin invited both and is not told about their own invitations.
    expect(await rowsOf(s.wsId, admin, 'member.invited')).toEqual([]);
  });
});
