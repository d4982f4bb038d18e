import { describe, expect, it } from 'vitest';
import { call, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { newAddress } from '../members/members.test-helpers.ts';
import { workspaceOn } from './billing.testing.ts';

describe('entitlements: features by plan', () => {
  it('refuses single sign-on below Team with PLAN_REQUIRED naming Team, and writes nothing', async () => {
    const w = await workspaceOn('pro');
    const res = await call('PUT', `${w.base}/sso-connection`, {
      cookie: w.owner.cookie,
      body: { issuer: 'https://idp.example.com', client_id: 'x', client_secret: 'y' },
    });
    expect(res.status).toBe(402);
    expect(res.json.error).toMatchObject({ code: 'PLAN_REQUIRED', upgrade: { reason: 'feature', feature: 'sso', plan: 'team' } });
    expect(res.json.error.message).toMatch(/Single sign-on needs the Team plan; this workspace is on Pro/);
    expect(await inspectSql()`select 1 from sso_connection where workspace_id = ${w.id}`).toEqual([]);
    const plan = await call('GET', `${w.base}/billing/plan`, { cookie: w.owner.cookie });
    expect(plan.json).toMatchObject({ plan: 'pro', state: 'subscribed', features: { sso: false, audit_log_export: true } });
  });

  it('refuses the audit-log export on Free with PLAN_REQUIRED naming Pro, and lets Pro export', async () => {
    const free = await workspaceOn('free');
    const refused = await call('POST', `${free.base}/audit-exports`, { cookie: free.owner.cookie });
    expect(refused.status).toBe(402);
    expect(refused.json.error).toMatchObject({ code: 'PLAN_REQUIRED', upgrade: { feature: 'auditLogExport', plan: 'pro' } });
    expect(await inspectSql()`select 1 from audit_export where workspace_id = ${free.id}`).toEqual([]);

    const pro = await workspaceOn('pro');
    expect((await call('POST', `${pro.base}/audit-exports`, { cookie: pro.owner.cookie })).status).toBe(202);
  });
});

describe('entitlements: limits by plan', () => {
  it('lets exactly one of ten concurrent invitations through when the plan has room for one more member', async () => {
    const w = await workspaceOn('free');
    const member = await signUp('Mo Member');
    await addMember(w.id, parsePublicId('user', member.user.id) as string, 'member');
    // Free allows 3 members: the owner and one member leave room for one more.
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', `${w.base}/invites`, { cookie: w.owner.cookie, body: { email: newAddress(), role: 'member' } }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => a.json.error.code)).toEqual(Array(9).fill('LIMIT_REACHED'));
    expect(refused[0]?.json.error.upgrade).toEqual({ reason: 'limit', limit: 'members', plan: 'pro' });
    expect(await inspectSql()`select 1 from invite where workspace_id = ${w.id}`).toHaveLength(1);

    // Revoking the open invitation gives the seat back.
    const invites = await call('GET', `${w.base}/invites`, { cookie: w.owner.cookie });
    const [open] = invites.json.items as Array<{ id: string }>;
    expect((await call('DELETE', `${w.base}/invites/${open?.id}`, { cookie: w.owner.cookie })).status).toBe(204);
    const again = await call('POST', `${w.base}/invites`, { cookie: w.owner.cookie, body: { email: newAddress(), role: 'member' } });
    expect(again.status, again.text).toBe(201);
  });

  it('has no member or project limit on Team', async () => {
    const w = await workspaceOn('team');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call('POST', `${w.base}/invites`, { cookie: w.owner.cookie, body: { email: newAddress(), role: 'member' } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
  });
});
