import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../kernel/crypto.ts';
import { loadConfig } from '../../kernel/config.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import type { Role } from '../../kernel/actor.ts';
import { createProject } from './projects.service.ts';
import { addMember, inspectSql, ownerSql } from '../../test/db.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { domainBus } from '../../wiring.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { AdmissionCache } from '../../db/admission-cache.ts';
import { Database, type QueryBuilder } from '../../db/client.ts';
import { project } from './projects.tables.ts';
import { TenantGateway } from '../../db/tenant-gateway.ts';
import { AdmissionChanged, type Principal, resolvePrincipal, type Scope, tenantWriteBatch } from '../../db/tenant.ts';
import { setContextText } from '../../db/context.ts';

const context = { ip: '203.0.113.9', userAgent: 'test', requestId: 'req-admission' };

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

async function projectNames(workspaceId: string): Promise<string[]> {
  const rows = (await inspectSql()`select name from project where workspace_id = ${workspaceId} order by name`) as Array<{ name: string }>;
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

const insertNamed = (name: string, workspaceId: string) => ({
  id: crypto.randomUUID(),
  workspaceId,
  name,
  description: null,
  status: 'active' as const,
  createdBy: null,
});

describe('a write in one non-interactive transaction', () => {
  it('writes when the admission still holds, as the request role in the workspace', async () => {
    const { ws, workspaceId, person } = await workspaceWith('member');
    const db = new Database(loadConfig(env));
    const principal = await sessionPrincipal(person.cookie, ws.slug);
    const scope = await resolvePrincipal(db, principal);

    const [, seen] = await tenantWriteBatch(db, principal, scope, workspaceId, [
      db.http.insert(project).values(insertNamed('kept', workspaceId)),
      db.http.execute(sql`select current_user as role, current_setting('app.workspace_id', true) as ws`),
    ] as const);

    expect(seen.rows[0]).toEqual({ role: 'app_request', ws: workspaceId });
    expect(await projectNames(workspaceId)).toEqual(['kept']);
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
      tenantWriteBatch(db, principal, scope, setting.workspaceId, [
        db.http.insert(project).values(insertNamed('lost', setting.workspaceId)),
      ]),
    ).rejects.toBeInstanceOf(AdmissionChanged);
    expect(await projectNames(setting.workspaceId)).toEqual([]);
  });

  it('aborts when the admission names another actor than the credential resolves to', async () => {
    const { ws, workspaceId, person } = await workspaceWith('admin');
    const db = new Database(loadConfig(env));
    const principal = await sessionPrincipal(person.cookie, ws.slug);
    const scope = await resolvePrincipal(db, principal);
    const impostor: Scope = { ...scope, actor: { ...scope.actor, userId: crypto.randomUUID() } as Scope['actor'] };

    await expect(
      tenantWriteBatch(db, principal, impostor, workspaceId, [db.http.insert(project).values(insertNamed('lost', workspaceId))]),
    ).rejects.toBeInstanceOf(AdmissionChanged);
    expect(await projectNames(workspaceId)).toEqual([]);
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

describe('TenantGateway.write(authorize, build) when the admission changes in between', () => {
  it('decides afresh: a person demoted to viewer creates nothing', async () => {
    const { ws, workspaceId, userId, person } = await workspaceWith('member');
    const db = new Database(loadConfig(env));
    const gateway = new RoleChangesAfterCheck(db, await sessionPrincipal(person.cookie, ws.slug), () =>
      setRole(workspaceId, userId, 'viewer'),
    );
    try {
      await expect(createProject(gateway, { name: 'refused' }, context, domainBus())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await db.close();
    }
    expect(await projectNames(workspaceId)).toEqual([]);
  });

  it('decides afresh: a person promoted in between creates the project once, audited once', async () => {
    const { ws, workspaceId, userId, person } = await workspaceWith('member');
    const db = new Database(loadConfig(env));
    const gateway = new RoleChangesAfterCheck(db, await sessionPrincipal(person.cookie, ws.slug), () =>
      setRole(workspaceId, userId, 'admin'),
    );
    try {
      const created = await createProject(gateway, { name: 'made' }, context, domainBus());
      expect(created.name).toBe('made');
    } finally {
      await db.close();
    }
    expect(await projectNames(workspaceId)).toEqual(['made']);
    const audited =
      await inspectSql()`select count(*)::int as n from audit_log where workspace_id = ${workspaceId} and action = 'project.created'`;
    expect(audited[0]?.n).toBe(1);
  });
});

describe('a remembered admission (the isolate skips the credential check of a repeated write)', () => {
  it('is caught by the transaction once stale: a person demoted, or logged out, since writes nothing', async () => {
    const { ws, workspaceId, userId, person } = await workspaceWith('member');
    const create = (name: string) => call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie: person.cookie, body: { name } });
    expect((await create('first')).status).toBe(201);

    await setRole(workspaceId, userId, 'viewer');
    expect((await create('as viewer')).status).toBe(403);
    await setRole(workspaceId, userId, 'member');
    expect((await create('second')).status).toBe(201);

    await call('POST', '/api/v1/auth/logout', { cookie: person.cookie });
    expect((await create('after log-out')).status).toBe(401);
    expect(await projectNames(workspaceId)).toEqual(['first', 'second']);
  });

  it('is never the reason for a refusal: a scope refused from memory is checked afresh', async () => {
    const { ws, workspaceId, userId, person } = await workspaceWith('member');
    const db = new Database(loadConfig(env));
    const admissions = new AdmissionCache();
    const principal = await sessionPrincipal(person.cookie, ws.slug);
    const gateway = new TenantGateway(db, principal, null, () => {}, admissions);
    const insert = (name: string) => (http: QueryBuilder, workspace: string) =>
      [http.insert(project).values(insertNamed(name, workspace))] as const;
    const adminsOnly = (scope: Scope) => {
      if (scope.actor.type !== 'user' || scope.actor.role !== 'admin') throw new AppError('FORBIDDEN', 'admins only');
      return scope.workspace?.id ?? '';
    };

    await gateway.write((scope) => assertCan(scope, 'project:create'), insert('as member'));
    expect(admissions.get(principal)?.actor).toMatchObject({ role: 'member' });

    await setRole(workspaceId, userId, 'admin');
    await gateway.write(adminsOnly, insert('as admin'));
    expect(admissions.get(principal)?.actor).toMatchObject({ role: 'admin' });
    expect(await projectNames(workspaceId)).toEqual(['as admin', 'as member']);
  });
});
