import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { activationProgress, onboardingItems } from '../assembly.ts';
import { DEMO_WORKSPACE_NAME } from './demo-workspace.ts';

const uuid = (kind: 'workspace' | 'user', id: string) => parsePublicId(kind, id) ?? '';
const checklist = async (cookie: string, slug: string) => {
  const res = await call('GET', `/api/v1/w/${slug}/onboarding`, { cookie });
  expect(res.status).toBe(200);
  return res.json;
};
const done = (state: any) => Object.fromEntries(state.items.map((i: any) => [i.id, i.done]));

describe('first-run checklist', () => {
  it("lists every module's item, each checked from real data", async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const fresh = await checklist(owner.cookie, ws.slug);
    expect(fresh.items.map((i: any) => i.id)).toEqual(onboardingItems().map((i) => i.id));
    expect(fresh.items.every((i: any) => i.done === false)).toBe(true);
    expect(fresh).toMatchObject({ demo: false, activated_at: null, completed: false });
    const progress = activationProgress();
    expect(fresh.activation).toEqual(progress ? { goal: progress.goal, target: progress.target, current: 0 } : null);

    const mate = await signUp();
    await addMember(uuid('workspace', ws.id), uuid('user', mate.user.id), 'member');
    await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'ci', role: 'member' } });
    const after = await checklist(owner.cookie, ws.slug);
    expect(done(after)).toMatchObject({ invite_teammate: true, create_api_key: true });
  });

  it('answers 404 to someone outside the workspace', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const stranger = await signUp();
    expect((await call('GET', `/api/v1/w/${ws.slug}/onboarding`, { cookie: stranger.cookie })).status).toBe(404);
  });
});

describe('demo workspace', () => {
  it('opens a labelled demo workspace seeded by the modules, once per person', async () => {
    const person = await signUp();
    const res = await call('POST', '/api/v1/workspaces/demo', { cookie: person.cookie });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: DEMO_WORKSPACE_NAME, role: 'owner', demo: true });
    expect(res.json.slug).toMatch(/^demo-[0-9a-z]{8}$/);

    const state = await checklist(person.cookie, res.json.slug);
    expect(state.demo).toBe(true);
    expect(state.activated_at).toBeNull();

    const again = await call('POST', '/api/v1/workspaces/demo', { cookie: person.cookie });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(res.json.id);
    const me = await call('GET', '/api/v1/me', { cookie: person.cookie });
    expect(me.json.memberships.map((m: any) => m.workspace.slug)).toEqual([res.json.slug]);
    const [audit] = (await inspectSql()`
      select metadata from audit_log where workspace_id = ${uuid('workspace', res.json.id)} and action = 'workspace.created'`) as Array<{
      metadata: unknown;
    }>;
    expect(audit?.metadata).toEqual({ demo: true });
  });

  it('gives each person their own demo', async () => {
    const a = await signUp();
    const b = await signUp();
    const demoA = await call('POST', '/api/v1/workspaces/demo', { cookie: a.cookie });
    const demoB = await call('POST', '/api/v1/workspaces/demo', { cookie: b.cookie });
    expect(demoB.status).toBe(201);
    expect(demoB.json.id).not.toBe(demoA.json.id);
    expect((await call('GET', `/api/v1/w/${demoA.json.slug}`, { cookie: b.cookie })).status).toBe(404);
    expect((await call('POST', '/api/v1/workspaces/demo')).status).toBe(401);
  });
});
