import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { ACTIVATION_PROJECT_GOAL } from './projects.activation.ts';
import { sampleProjects } from './projects.demo.ts';

const checklist = async (cookie: string, slug: string) => {
  const res = await call('GET', `/api/v1/w/${slug}/onboarding`, { cookie });
  expect(res.status).toBe(200);
  return res.json;
};
const item = (state: any, id: string) => state.items.find((i: any) => i.id === id);

describe('what the projects module contributes to onboarding', () => {
  it('a checklist item, done once a live project exists, and the progress towards its aha', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const fresh = await checklist(owner.cookie, ws.slug);
    expect(item(fresh, 'create_project')).toEqual({ id: 'create_project', title: 'Create a project', done: false });
    expect(fresh.activation).toEqual({ goal: 'projects', target: ACTIVATION_PROJECT_GOAL, current: 0 });

    const created = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie: owner.cookie, body: { name: 'One' } });
    expect(created.status, created.text).toBe(201);
    const after = await checklist(owner.cookie, ws.slug);
    expect(item(after, 'create_project').done).toBe(true);
    expect(after.activation.current).toBe(1);

    expect((await call('DELETE', `/api/v1/w/${ws.slug}/projects/${created.json.id}`, { cookie: owner.cookie })).status).toBe(204);
    const deleted = await checklist(owner.cookie, ws.slug);
    expect(item(deleted, 'create_project').done).toBe(false);
    expect(deleted.activation.current).toBe(0);
  });

  it("the demo workspace's sample projects, which never activate it, even past the goal", async () => {
    const person = await signUp();
    const demo = await call('POST', '/api/v1/workspaces/demo', { cookie: person.cookie });
    expect(demo.status).toBe(201);
    const projects = await call('GET', `/api/v1/w/${demo.json.slug}/projects?limit=100&status=active`, { cookie: person.cookie });
    expect(projects.json.items.map((p: any) => p.name).sort()).toEqual(
      sampleProjects
        .filter((p) => p.status === 'active')
        .map((p) => p.name)
        .sort(),
    );
    expect((await checklist(person.cookie, demo.json.slug)).activated_at).toBeNull();
    await call('POST', `/api/v1/w/${demo.json.slug}/projects`, { cookie: person.cookie, body: { name: 'Mine' } });
    expect((await checklist(person.cookie, demo.json.slug)).activated_at).toBeNull();
  });
});
