import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../kernel/crypto.ts';
import { loadConfig } from '../kernel/config.ts';
import { parsePublicId } from '../kernel/ids.ts';
import type { Role } from '../kernel/actor.ts';
import { addMember, inspectSql, ownerSql } from '../test/db.ts';
import { call, createWorkspace, signUp } from '../test/client.ts';
import { AppError } from '../kernel/errors.ts';
import { assertCan } from '../modules/access.ts';
import { AdmissionCache } from './admission-cache.ts';
import { Database, type QueryBuilder } from './client.ts';
import { team } from '../modules/members/members.tables.ts';
import { TenantGateway } from './tenant-gateway.ts';
import { AdmissionChanged, type Principal, resolvePrincipal, type Scope, tenantWriteBatch } from './tenant.ts';
import { setContextText } from './context.ts';

async function sessionPrincipal(cookie: string, slug: string): Promise<Principal> {
  const token = cookie.split('=')[1] ?? '';
  return { credential: { kind: 'session', tokenHash: await sha256Hex(token) }, workspace: { id: null, slug } };
}

async function setRole(workspaceId: string, userId: string, role: Role) {
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`update membership set role = ${role} where workspace_id = ${workspaceId} and user_id = ${userId}`,
  ]);
}

// The writes are teams: a platform table, created by admins and up (`team:create`).
async function teamNames(workspaceId: string): Promise<string[]> {
  const rows = (await inspectSql()`select name from team where workspace_id = ${workspaceId} order by name`) as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

/** An owner's workspace with a second person in it, holding `role`. */
async function workspaceWith(role: Role) {
  const owner = await signUp('Owner');
  const ws = await createWorkspace(owner.cookie);
  const person = await signUp('Person');
  const workspaceId = parsePublicId('workspace', ws.id) ?? '';
  const userId = parsePublicId('user', person.user.id) ?? '';
  await addMember(workspaceId, userId, role);
  return { ws, workspaceId, userId, person };
}

const insertNamed = (name: string, workspaceId: string) => ({ id: crypto.randomUUID(), workspaceId, name });

describe('a write in one non-interactive transaction', () => {
  it('writes when the admission still holds, as the request role in the workspace', async () => {
    const { ws, workspaceId, person } = await workspaceWith('member');
    const db = new Database(loadConfig(env));
    const principal = await sessionPrincipal(person.cookie, ws.slug);
    const scope = await resolvePrincipal(db, principal);

    const [, seen] = await tenantWriteBatch(db, principal, scope, workspaceId, [
      db.http.insert(team).values(insertNamed('kept', workspaceId)),
      db.http.execute(sql`select current_user as role, current_setting('app.workspace_id', true) as ws`),
    ] as const);

    expect(seen.rows[0]).toEqual({ role: 'app_request', ws: workspaceId });
    expect(await teamNames(workspaceId)).toEqual(['kept']);
  });

  it.each([
    ['the role changed', async (s: Awaited<ReturnType<typeof workspaceWith>>) => setRole(s.workspaceId, s.userId, 'viewer')],
    [
      'the session was revoked',
      async (s: Awaited<ReturnType<typeof workspaceWith>>) => {
        await call('POST', '/api/v1/auth/logout', { cookie: s.person.cookie });
      },
    ],
    [
      'the workspace was suspended',
      async (s: Awaited<ReturnType<typeof workspaceWith>>) => {
        await inspectSql()`update workspace set suspended_at = now() where id = ${s.workspaceId}`;
      },
    ],
    [
      'the workspace was deleted',
      async (s: Awaited<ReturnType<typeof workspaceWith>>) => {
        await inspectSql()`update workspace set deleted_at = now() where id = ${s.workspaceId}`;
      },
    ],
  ])('aborts and writes nothing when %s after the check', async (_, change) => {
    const setting = await workspaceWith('member');
    const db = new Database(loadConfig(env));
    const principal = await sessionPrincipal(setting.person.cookie, setting.ws.slug);
    const scope = await resolvePrincipal(db, principal);

    await change(setting);

    await expect(
      tenantWriteBatch(db, principal, scope, setting.workspaceId, [db.http.insert(team).values(insertNamed('lost', setting.workspaceId))]),
    ).rejects.toBeInstanceOf(AdmissionChanged);
    expect(await teamNames(setting.workspaceId)).toEqual([]);
  });

  it('aborts when the admission names another actor than the credential resolves to', async () => {
    const { ws, workspaceId, person } = await workspaceWith('admin');
    const db = new Database(loadConfig(env));
    const principal = await sessionPrincipal(person.cookie, ws.slug);
    const scope = await resolvePrincipal(db, principal);
    const impostor: Scope = { ...scope, actor: { ...scope.actor, userId: crypto.randomUUID() } as Scope['actor'] };

    await expect(
      tenantWriteBatch(db, principal, impostor, workspaceId, [db.http.insert(team).values(insertNamed('lost', workspaceId))]),
    ).rejects.toBeInstanceOf(AdmissionChanged);
    expect(await teamNames(workspaceId)).toEqual([]);
  });
});

/** A gateway whose person's role changes between the credential check and the write. */
class RoleChangesAfterCheck extends TenantGateway {
  constructor(
    db: Database,
    principal: Principal,
    private readonly change: () => Promise<void>,
  ) {
    super(db, principal, null);
  }

  protected override async resolve(): Promise<Scope> {
    const scope = await super.resolve();
    await this.change();
    return scope;
  }
}

/** Creates a team through the gateway's batched write, checked with `team:create` (admins and up). */
const createTeam = (gateway: TenantGateway, name: string) =>
  gateway.write(
    (scope) => assertCan(scope, 'team:create'),
    (http, workspaceId) => [http.insert(team).values(insertNamed(name, workspaceId))] as const,
  );

describe('TenantGateway.write(authorize, build) when the admission changes in between', () => {
  it('decides afresh: a person demoted to member creates nothing', async () => {
    const { ws, workspaceId, userId, person } = await workspaceWith('admin');
    const db = new Database(loadConfig(env));
    const gateway = new RoleChangesAfterCheck(db, await sessionPrincipal(person.cookie, ws.slug), () =>
      setRole(workspaceId, userId, 'member'),
    );
    try {
      await expect(createTeam(gateway, 'refused')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await db.close();
    }
    expect(await teamNames(workspaceId)).toEqual([]);
  });

  it('decides afresh: a person promoted in between (admin to owner) creates the team once', async () => {
    const { ws, workspaceId, userId, person } = await workspaceWith('admin');
    const db = new Database(loadConfig(env));
    const gateway = new RoleChangesAfterCheck(db, await sessionPrincipal(person.cookie, ws.slug), () =>
      setRole(workspaceId, userId, 'owner'),
    );
    try {
      await createTeam(gateway, 'made');
    } finally {
      await db.close();
    }
    expect(await teamNames(workspaceId)).toEqual(['made']);
  });
});

describe('a remembered admission (the isolate skips the credential check of a repeated write)', () => {
  it('is caught by the transaction once stale: a person demoted, or logged out, since writes nothing', async () => {
    const { ws, workspaceId, userId, person } = await workspaceWith('admin');
    const create = (name: string) => call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie: person.cookie, body: { name } });
    expect((await create('first')).status).toBe(201);

    await setRole(workspaceId, userId, 'member');
    expect((await create('as member')).status).toBe(403);
    await setRole(workspaceId, userId, 'admin');
    expect((await create('second')).status).toBe(201);

    await call('POST', '/api/v1/auth/logout', { cookie: person.cookie });
    expect((await create('after log-out')).status).toBe(401);
    expect(await teamNames(workspaceId)).toEqual(['first', 'second']);
  });

  it('is never the reason for a refusal: a scope refused from memory is checked afresh', async () => {
    const { ws, workspaceId, userId, person } = await workspaceWith('admin');
    const db = new Database(loadConfig(env));
    const admissions = new AdmissionCache();
    const principal = await sessionPrincipal(person.cookie, ws.slug);
    const gateway = new TenantGateway(db, principal, null, () => {}, admissions);
    const insert = (name: string) => (http: QueryBuilder, workspace: string) =>
      [http.insert(team).values(insertNamed(name, workspace))] as const;
    const ownersOnly = (scope: Scope) => {
      if (scope.actor.type !== 'user' || scope.actor.role !== 'owner') throw new AppError('FORBIDDEN', 'owners only');
      return scope.workspace?.id ?? '';
    };

    await gateway.write((scope) => assertCan(scope, 'team:create'), insert('as admin'));
    expect(admissions.get(principal)?.actor).toMatchObject({ role: 'admin' });

    await setRole(workspaceId, userId, 'owner');
    await gateway.write(ownersOnly, insert('as owner'));
    expect(admissions.get(principal)?.actor).toMatchObject({ role: 'owner' });
    expect(await teamNames(workspaceId)).toEqual(['as admin', 'as owner']);
  });
});
