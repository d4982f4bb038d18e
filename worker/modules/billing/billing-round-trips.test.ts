import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { requestCost } from '../../test/request-cost.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { putOnPlan } from './billing.testing.ts';

/**
 * The plan travels with the credential check: entitlement checks, limits and the trial banner add no
 * database round trip to a tenant request (a limit inside a create: `projects/projects-plan-limits.test.ts`).
 */
describe('entitlements cost no round trip', () => {
  it('reads the plan, the trial and what the plan allows in one round trip', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const { response: plan, stats } = await requestCost(
      async () => undefined,
      () => call('GET', `/api/v1/w/${ws.slug}/billing/plan`, { cookie }),
    );
    expect(plan.json).toMatchObject({ plan: 'team', state: 'trialing' });
    expect(stats).toMatchObject({ sqlRequests: 1, wsConnections: 0, wsMessages: 0 });
  });

  it('refuses a feature the plan lacks after the one read it needs anyway', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    await putOnPlan(workspaceUuid(ws.id), 'free');
    const { response: refused, stats } = await requestCost(
      async () => undefined,
      () =>
        call('PUT', `/api/v1/w/${ws.slug}/sso-connection`, {
          cookie,
          body: { issuer: 'https://idp.example.com', client_id: 'x', client_secret: 'y' },
        }),
    );
    expect(refused.json.error.code).toBe('PLAN_REQUIRED');
    expect(stats).toMatchObject({ sqlRequests: 1, wsConnections: 0, wsMessages: 0 });
  });
});
