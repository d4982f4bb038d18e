import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { backdateTrialEnd, putOnPlan } from './billing.testing.ts';
import { syncTestPlans } from './local-stripe.testing.ts';

const dayMs = 86_400_000;

async function trialWorkspace() {
  const owner = await signUp();
  const ws = await createWorkspace(owner.cookie);
  const base = `/api/v1/w/${ws.slug}`;
  return {
    owner,
    ws,
    base,
    id: workspaceUuid(ws.id),
    status: async (cookie = owner.cookie) => call('GET', `${base}/billing/plan`, { cookie }),
  };
}

describe('trials', () => {
  it('gives a new workspace a 14-day trial of the Team plan, no card asked, and says so to every member', async () => {
    const t = await trialWorkspace();
    const before = Date.now();
    const res = await t.status();
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      plan: 'team',
      state: 'trialing',
      read_only: false,
      trial: { plan: 'team', extended: false, extension_available: true, extension_days: 7 },
      features: { sso: true, audit_log_export: true },
      limits: { members: null, projects: null },
    });
    const endsIn = new Date(res.json.trial.ends_at).getTime() - before;
    expect(endsIn).toBeGreaterThan(14 * dayMs - 60_000);
    expect(endsIn).toBeLessThan(14 * dayMs + 60_000);
    // Nothing at the provider: the trial is the app's own.
    expect(await inspectSql()`select 1 from billing_customer where workspace_id = ${t.id}`).toEqual([]);
    expect((await call('GET', `${t.base}/billing`, { cookie: t.owner.cookie })).json).toMatchObject({ plan: 'team', subscription: null });
  });

  it('makes the workspace read-only when the trial ends: reads work, writes answer TRIAL_ENDED naming the upgrade, nothing is deleted', async () => {
    await syncTestPlans();
    const t = await trialWorkspace();
    const team = await call('POST', `${t.base}/teams`, { cookie: t.owner.cookie, body: { name: 'Kept' } });
    expect(team.status).toBe(201);

    await backdateTrialEnd(t.id, 1);
    // The isolate remembers the owner's admission from the write above: the write is re-decided.
    const refused = await call('POST', `${t.base}/teams`, { cookie: t.owner.cookie, body: { name: 'Another' } });
    expect(refused.status).toBe(402);
    expect(refused.json.error).toMatchObject({ code: 'TRIAL_ENDED', upgrade: { reason: 'trial_ended' } });
    expect(refused.json.error.message).toMatch(/choos\w+ a plan/);
    const renamed = await call('PATCH', `${t.base}/teams/${team.json.id}`, { cookie: t.owner.cookie, body: { name: 'Changed' } });
    expect(renamed.json.error.code).toBe('TRIAL_ENDED');

    const list = await call('GET', `${t.base}/teams`, { cookie: t.owner.cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((item: { name: string }) => item.name)).toEqual(['Kept']);
    expect((await t.status()).json).toMatchObject({
      plan: 'free',
      state: 'trial_ended',
      read_only: true,
      trial: { extension_available: true },
    });

    // Choosing a plan still works.
    const checkout = await call('POST', `${t.base}/billing/checkout`, { cookie: t.owner.cookie, body: { plan: 'pro' } });
    expect(checkout.status, checkout.text).toBe(200);
  });

  it('extends the trial once by 7 days; a second extension is refused', async () => {
    const t = await trialWorkspace();
    const endsAt = new Date((await t.status()).json.trial.ends_at).getTime();
    const extended = await call('POST', `${t.base}/billing/trial/extension`, { cookie: t.owner.cookie });
    expect(extended.status, extended.text).toBe(200);
    expect(new Date(extended.json.ends_at).getTime() - endsAt).toBe(7 * dayMs);
    expect((await t.status()).json.trial).toMatchObject({ extended: true, extension_available: false, ends_at: extended.json.ends_at });

    const again = await call('POST', `${t.base}/billing/trial/extension`, { cookie: t.owner.cookie });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('TRIAL_ALREADY_EXTENDED');
    expect((await t.status()).json.trial.ends_at).toBe(extended.json.ends_at);
    const audit = await inspectSql()`select 1 from audit_log where workspace_id = ${t.id} and action = 'billing.trial_extended'`;
    expect(audit).toHaveLength(1);
  });

  it('lets two racing extensions make one', async () => {
    const t = await trialWorkspace();
    const answers = await Promise.all([1, 2, 3].map(() => call('POST', `${t.base}/billing/trial/extension`, { cookie: t.owner.cookie })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
  });

  it('lifts the read-only mode when an ended trial is extended, from now', async () => {
    const t = await trialWorkspace();
    await backdateTrialEnd(t.id, 3);
    expect((await call('POST', `${t.base}/teams`, { cookie: t.owner.cookie, body: { name: 'No' } })).json.error.code).toBe('TRIAL_ENDED');
    const before = Date.now();
    const extended = await call('POST', `${t.base}/billing/trial/extension`, { cookie: t.owner.cookie });
    expect(extended.status, extended.text).toBe(200);
    expect(Math.abs(new Date(extended.json.ends_at).getTime() - before - 7 * dayMs)).toBeLessThan(60_000);
    expect((await call('POST', `${t.base}/teams`, { cookie: t.owner.cookie, body: { name: 'Yes' } })).status).toBe(201);
  });

  it('is not read-only after the trial when the workspace pays, nor for one that never had a trial', async () => {
    const t = await trialWorkspace();
    await putOnPlan(t.id, 'pro');
    await inspectSql()`insert into workspace_trial (workspace_id, plan, ends_at) values (${t.id}, 'team', now() - interval '1 day')`;
    expect((await t.status()).json).toMatchObject({ plan: 'pro', state: 'subscribed', read_only: false });
    expect((await call('POST', `${t.base}/teams`, { cookie: t.owner.cookie, body: { name: 'Paid' } })).status).toBe(201);
    const extension = await call('POST', `${t.base}/billing/trial/extension`, { cookie: t.owner.cookie });
    expect(extension.json.error.code).toBe('ALREADY_SUBSCRIBED');

    const other = await trialWorkspace();
    await putOnPlan(other.id, 'free');
    expect((await other.status()).json).toMatchObject({ plan: 'free', state: 'free', read_only: false, trial: null });
    expect((await call('POST', `${other.base}/teams`, { cookie: other.owner.cookie, body: { name: 'Free' } })).status).toBe(201);
    expect((await call('POST', `${other.base}/billing/trial/extension`, { cookie: other.owner.cookie })).json.error.code).toBe('NO_TRIAL');
  });

  it('shows the trial to members, and lets only owners extend it', async () => {
    const t = await trialWorkspace();
    const key = await call('POST', `${t.base}/api-keys`, { cookie: t.owner.cookie, body: { name: 'viewer', role: 'viewer' } });
    const seen = await call('GET', `${t.base}/billing/plan`, { apiKey: key.json.key });
    expect(seen.status).toBe(200);
    expect(seen.json.trial.extension_available).toBe(true);
    const admin = await call('POST', `${t.base}/api-keys`, { cookie: t.owner.cookie, body: { name: 'admin', role: 'admin' } });
    const refused = await call('POST', `${t.base}/billing/trial/extension`, { apiKey: admin.json.key });
    expect(refused.status).toBe(403);
    expect((await t.status()).json.trial.extended).toBe(false);
  });
});
