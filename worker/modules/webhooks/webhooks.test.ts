import { beforeAll, describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { webhookEventTypes } from '../assembly.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { acceptable, hostile, publishZone } from './ssrf-cases.ts';
import { hookUrl } from './webhooks.test-helpers.ts';

async function workspace() {
  const owner = await signUp('Olive Owner');
  const ws = await createWorkspace(owner.cookie, 'Hooks Inc');
  return { owner, ws, base: `/api/v1/w/${ws.slug}/webhooks`, workspaceId: parsePublicId('workspace', ws.id) as string };
}

async function auditActions(workspaceId: string): Promise<string[]> {
  const rows = (await inspectSql()`
    select action from audit_log where workspace_id = ${workspaceId} and action like 'webhook.%' order by created_at, id`) as Array<{
    action: string;
  }>;
  return rows.map((r) => r.action);
}

describe('webhook endpoints', () => {
  beforeAll(publishZone);

  it('creates an endpoint and answers its whsec_ secret once; the database keeps it sealed', async () => {
    const { owner, base } = await workspace();
    const { url } = hookUrl('ok');
    const res = await call('POST', base, { cookie: owner.cookie, body: { url, description: 'CRM', event_types: ['project.created'] } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ url, description: 'CRM', event_types: ['project.created'], status: 'active', failing_since: null });
    expect(res.json.id).toMatch(/^whe_/);
    expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await call('GET', `${base}/${res.json.id}`, { cookie: owner.cookie });
    expect(read.status).toBe(200);
    expect(read.json).not.toHaveProperty('secret');
    const list = await call('GET', base, { cookie: owner.cookie });
    expect(list.json.items.map((e: { id: string }) => e.id)).toEqual([res.json.id]);
    expect(JSON.stringify(list.json)).not.toContain(res.json.secret);
    const [stored] = (await inspectSql()`select secret_box from webhook_endpoint where url = ${url}`) as Array<{ secret_box: string }>;
    expect(stored?.secret_box).toMatch(/^v1\./);
    expect(stored?.secret_box).not.toContain(res.json.secret.slice(6, 20));
  });

  it('refuses every hostile URL at registration with VALIDATION_FAILED on url, and stores nothing', async () => {
    const { owner, base, workspaceId } = await workspace();
    for (const [url] of hostile) {
      const res = await call('POST', base, { cookie: owner.cookie, body: { url } });
      expect({ url, status: res.status, code: res.json.error?.code, fields: Object.keys(res.json.error?.fields ?? {}) }).toEqual({
        url,
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: ['url'],
      });
    }
    expect(await inspectSql()`select 1 from webhook_endpoint where workspace_id = ${workspaceId}`).toEqual([]);
    expect(await auditActions(workspaceId)).toEqual([]);
  });

  it('accepts public https URLs at registration (test environment: https only, apart from the exempt receiver)', async () => {
    const { owner, base } = await workspace();
    for (const url of acceptable) {
      const res = await call('POST', base, { cookie: owner.cookie, body: { url } });
      expect({ url, status: res.status }).toEqual({ url, status: 201 });
    }
  });

  it('lists with the endpoints the event types an endpoint can subscribe to, each with its summary, and none kept from endpoints', async () => {
    const { owner, base } = await workspace();
    const res = await call('GET', base, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const offered = webhookEventTypes().map(([type, declared]) => ({ type, summary: declared.summary }));
    expect(res.json.event_types).toEqual(offered);
    expect(res.json.event_types.map((e: { type: string }) => e.type)).not.toContain('members.changed');
  });

  it('updates url, filter and description (the URL checked again), rotates the secret, disables, enables and deletes, auditing each', async () => {
    const { owner, base, workspaceId } = await workspace();
    const created = await call('POST', base, { cookie: owner.cookie, body: { url: hookUrl('ok').url } });
    const path = `${base}/${created.json.id}`;
    const other = hookUrl('fail').url;
    const updated = await call('PATCH', path, {
      cookie: owner.cookie,
      body: { url: other, event_types: ['b.two', 'a.one', 'a.one'], description: 'x' },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ url: other, event_types: ['a.one', 'b.two'], description: 'x' });
    const refused = await call('PATCH', path, { cookie: owner.cookie, body: { url: 'https://169.254.169.254/' } });
    expect(refused.status).toBe(400);
    expect((await call('GET', path, { cookie: owner.cookie })).json.url).toBe(other);
    const badType = await call('PATCH', path, { cookie: owner.cookie, body: { event_types: ['Not A Type'] } });
    expect(badType.json.error.code).toBe('VALIDATION_FAILED');

    const rotated = await call('POST', `${path}/rotate-secret`, { cookie: owner.cookie });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(created.json.secret);
    const hours = (Date.parse(rotated.json.previous_secret_until) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect((await call('GET', path, { cookie: owner.cookie })).json.previous_secret_until).toBe(rotated.json.previous_secret_until);

    const disabled = await call('POST', `${path}/disable`, { cookie: owner.cookie });
    expect(disabled.json).toMatchObject({ status: 'disabled', disabled_reason: 'Disabled by a person' });
    const test = await call('POST', `${path}/test`, { cookie: owner.cookie });
    expect(test.status).toBe(409);
    const enabled = await call('POST', `${path}/enable`, { cookie: owner.cookie });
    expect(enabled.json).toMatchObject({ status: 'active', disabled_reason: null });
    expect((await call('DELETE', path, { cookie: owner.cookie })).status).toBe(204);
    expect((await call('GET', path, { cookie: owner.cookie })).status).toBe(404);
    expect(await auditActions(workspaceId)).toEqual([
      'webhook.created',
      'webhook.updated',
      'webhook.secret_rotated',
      'webhook.disabled',
      'webhook.enabled',
      'webhook.deleted',
    ]);
  });

  it('keeps a workspace to 20 endpoints, also when the last places are taken at once', async () => {
    const { owner, base, workspaceId } = await workspace();
    for (let i = 0; i < 18; i++) {
      expect((await call('POST', base, { cookie: owner.cookie, body: { url: hookUrl('ok').url } })).status).toBe(201);
    }
    const racing = await Promise.all(
      Array.from({ length: 4 }, () => call('POST', base, { cookie: owner.cookie, body: { url: hookUrl('ok').url } })),
    );
    expect(racing.map((res) => res.status).sort()).toEqual([201, 201, 409, 409]);
    expect(racing.find((res) => res.status === 409)?.json.error.message).toMatch(/at most 20 webhook endpoints/);
    const [row] = (await inspectSql()`select count(*)::int as n from webhook_endpoint where workspace_id = ${workspaceId}`) as Array<{
      n: number;
    }>;
    expect(row?.n).toBe(20);
  });

  it('is for owners and admins: a member is refused', async () => {
    const { owner, base, workspaceId } = await workspace();
    const admin = await signUp('Adam Admin');
    const member = await signUp('Mia Member');
    await addMember(workspaceId, parsePublicId('user', admin.user.id) as string, 'admin');
    await addMember(workspaceId, parsePublicId('user', member.user.id) as string, 'member');
    expect((await call('POST', base, { cookie: admin.cookie, body: { url: hookUrl('ok').url } })).status).toBe(201);
    expect((await call('GET', base, { cookie: member.cookie })).status).toBe(403);
    expect((await call('POST', base, { cookie: member.cookie, body: { url: hookUrl('ok').url } })).status).toBe(403);
    expect((await call('GET', base, { cookie: owner.cookie })).json.items).toHaveLength(1);
  });

  it('hides one workspace’s endpoints and deliveries from another: list, read, replay, rotate and test answer 404', async () => {
    const a = await workspace();
    const b = await workspace();
    const created = await call('POST', b.base, { cookie: b.owner.cookie, body: { url: hookUrl('ok').url } });
    const id = created.json.id as string;
    const test = await call('POST', `${b.base}/${id}/test`, { cookie: b.owner.cookie });
    expect(test.status).toBe(202);
    const range = { from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    expect((await call('GET', a.base, { cookie: a.owner.cookie })).json.items).toEqual([]);
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `${a.base}/${id}`],
      ['PATCH', `${a.base}/${id}`, { description: 'mine now' }],
      ['GET', `${a.base}/${id}/deliveries`],
      ['POST', `${a.base}/${id}/deliveries/${test.json.id}/replay`],
      ['POST', `${a.base}/${id}/replay`, range],
      ['POST', `${a.base}/${id}/rotate-secret`],
      ['POST', `${a.base}/${id}/test`],
      ['POST', `${a.base}/${id}/disable`],
      ['DELETE', `${a.base}/${id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(method, path, { cookie: a.owner.cookie, ...(body ? { body } : {}) });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
    }
    // B's own view is untouched.
    const own = await call('GET', `${b.base}/${id}`, { cookie: b.owner.cookie });
    expect(own.json).toMatchObject({ status: 'active', description: null });
  });
});
