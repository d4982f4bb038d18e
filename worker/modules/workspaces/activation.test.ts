import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Database, system } from '../../db/gateway.ts';
import { loadConfig } from '../../kernel/config.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { domainBus } from '../../wiring.ts';

const uuid = (id: string) => parsePublicId('workspace', id) ?? '';

async function activatedAt(workspaceId: string): Promise<string | null> {
  const [row] = (await inspectSql()`select activated_at::text as at from workspace where id = ${workspaceId}`) as Array<{
    at: string | null;
  }>;
  return row?.at ?? null;
}

/** Publishes a module's aha in the workspace, as a publisher would: the reactions in its transaction, as the request role. */
async function publishAha(workspaceId: string, reached: boolean) {
  const db = new Database(loadConfig(env));
  try {
    await system(db, { role: 'app_request', workspace: workspaceId }).interactive(async (tx) => {
      for (const statement of domainBus().reactionsTo({ type: 'workspace.aha', workspaceId, reached: sql`${reached}` }, tx))
        await statement;
    });
  } finally {
    await db.close();
  }
}

describe('activation: a module\'s "first aha" (workspace.aha) sets activated_at once', () => {
  it('sets it when the aha is reached, not before, and never moves it afterwards', async () => {
    const owner = await signUp();
    const ws = uuid((await createWorkspace(owner.cookie)).id);
    await publishAha(ws, false);
    expect(await activatedAt(ws)).toBeNull();
    await publishAha(ws, true);
    const first = await activatedAt(ws);
    expect(first).not.toBeNull();
    await publishAha(ws, true);
    expect(await activatedAt(ws)).toBe(first);
  });

  it('keeps each workspace to itself, and never activates a demo', async () => {
    const owner = await signUp();
    const a = uuid((await createWorkspace(owner.cookie)).id);
    const b = uuid((await createWorkspace(owner.cookie)).id);
    await publishAha(a, true);
    expect(await activatedAt(a)).not.toBeNull();
    expect(await activatedAt(b)).toBeNull();

    const demo = await call('POST', '/api/v1/workspaces/demo', { cookie: owner.cookie });
    await publishAha(uuid(demo.json.id), true);
    expect(await activatedAt(uuid(demo.json.id))).toBeNull();
  });
});
