import { describe, expect, it } from 'vitest';
import { countingEnv } from '../../test/binding-counts.ts';
import { call } from '../../test/client.ts';
import { hubCloseCodes } from '../../kernel/realtime.ts';
import { connect, memberIdOf, workspaceOfTwo } from './realtime.test-helpers.ts';

const hubCalls = (calls: readonly string[]) => calls.filter((name) => name.startsWith('WORKSPACE_HUB.'));

describe('realtime: the hub is reached only where someone may be connected', () => {
  it('tells the hub of a removed member only where the workspace holds the interest: one call, and the socket closes within a second', async () => {
    const quiet = await workspaceOfTwo();
    const quietMember = await memberIdOf(quiet.ws.slug, quiet.owner.cookie, quiet.other.user.id);
    const untold = countingEnv();
    const removedQuietly = await call('DELETE', `/api/v1/w/${quiet.ws.slug}/members/${quietMember}`, {
      cookie: quiet.owner.cookie,
      env: untold.env,
    });
    expect(removedQuietly.status).toBe(204);
    expect(hubCalls(untold.counts.durableObjectRequests)).toEqual([]);

    const { owner, other, ws } = await workspaceOfTwo();
    const theirs = await connect(ws.slug, { cookie: other.cookie });
    const member = await memberIdOf(ws.slug, owner.cookie, other.user.id);
    const told = countingEnv();
    const started = Date.now();
    const removed = await call('DELETE', `/api/v1/w/${ws.slug}/members/${member}`, { cookie: owner.cookie, env: told.env });
    expect(removed.status).toBe(204);
    expect(hubCalls(told.counts.durableObjectRequests)).toEqual(['WORKSPACE_HUB.apply']);
    expect((await theirs.close()).code).toBe(hubCloseCodes.revoked);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
