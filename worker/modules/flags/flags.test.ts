import { describe, expect, it } from 'vitest';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import { personalExportIds } from '../account/account.ids.ts';
import { setContextText } from '../../db/context.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { workspaceWithRoles } from '../members/members.test-helpers.ts';
import { auditExportFlag } from '../audit/audit.flags.ts';
import { overrideFlag } from './flags.test-helpers.ts';

const flag = auditExportFlag;

const override = (workspaceId: string, enabled: boolean, personId: string | null = null) =>
  overrideFlag(workspaceId, flag, enabled, personId);

const flagsOf = async (slug: string, credential: { cookie: string } | { apiKey: string }) => {
  const res = await call('GET', `/api/v1/w/${slug}/flags`, credential);
  expect(res.status).toBe(200);
  return res.json.flags as Record<string, boolean>;
};

describe('feature flags', () => {
  it("answers every declared flag with the environment's default when nobody overrode it", async () => {
    const { ws, viewer } = await workspaceWithRoles();
    expect(await flagsOf(ws.slug, viewer)).toMatchObject({ [flag]: true });
  });

  it("applies the workspace's override to everyone in it, and a person's own override to them alone", async () => {
    const { ws, wsId, owner, member, viewer } = await workspaceWithRoles();
    await override(wsId, false);
    await override(wsId, true, parsePublicId('user', member.user.id));

    expect((await flagsOf(ws.slug, owner))[flag]).toBe(false);
    expect((await flagsOf(ws.slug, viewer))[flag]).toBe(false);
    expect((await flagsOf(ws.slug, member))[flag]).toBe(true);
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'ci' } });
    expect((await flagsOf(ws.slug, { apiKey: key.json.key }))[flag]).toBe(false);
  });

  it("keeps one workspace's overrides out of another's", async () => {
    const first = await workspaceWithRoles();
    const second = await workspaceWithRoles();
    await override(first.wsId, false);
    expect((await flagsOf(first.ws.slug, first.owner))[flag]).toBe(false);
    expect((await flagsOf(second.ws.slug, second.owner))[flag]).toBe(true);
  });

  it("shows the request role the workspace's overrides and the person's own, never another member's", async () => {
    const { wsId, member, viewer } = await workspaceWithRoles();
    const memberId = parsePublicId('user', member.user.id) as string;
    const viewerId = parsePublicId('user', viewer.user.id) as string;
    await override(wsId, false);
    await override(wsId, true, memberId);
    const sql = ownerSql();
    const [, , , seen] = await sql.transaction([
      sql.query(setContextText('workspace_id'), [wsId]),
      sql.query(setContextText('user_id'), [viewerId]),
      sql`set local role app_request`,
      sql`select person_id, enabled from flag_override`,
    ]);
    expect(seen).toEqual([{ person_id: null, enabled: false }]);
  });

  it('lets the owner find a live workspace by the slug an operator names, and never the request role', async () => {
    const { ws, wsId } = await workspaceWithRoles();
    const sql = ownerSql();
    const [, asOwner] = await sql.transaction([
      sql.query(setContextText('operator_slug'), [ws.slug]),
      sql`select id from workspace where slug = ${ws.slug}`,
    ]);
    expect(asOwner).toEqual([{ id: wsId }]);
    const [, , asRequest] = await sql.transaction([
      sql.query(setContextText('operator_slug'), [ws.slug]),
      sql`set local role app_request`,
      sql`select id from workspace where slug = ${ws.slug}`,
    ]);
    expect(asRequest).toEqual([]);
  });

  it('refuses to start an audit log export with FEATURE_DISABLED while its flag is off, and starts nothing', async () => {
    const { ws, wsId, owner, admin } = await workspaceWithRoles();
    await override(wsId, false);
    await override(wsId, true, parsePublicId('user', admin.user.id));

    const refused = await call('POST', `/api/v1/w/${ws.slug}/audit-exports`, { cookie: owner.cookie });

    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({
      code: 'FEATURE_DISABLED',
      message: 'Exporting the audit log is not available in this workspace',
    });
    expect(await inspectSql()`select id from job where workspace_id = ${wsId}`).toEqual([]);
    expect(await inspectSql()`select id from audit_log where workspace_id = ${wsId} and action = 'audit_log.exported'`).toEqual([]);

    // The admin the flag is on for may export.
    const allowed = await call('POST', `/api/v1/w/${ws.slug}/audit-exports`, { cookie: admin.cookie });
    expect(allowed.status).toBe(202);
  });

  it("puts the person's own overrides in their data export, and nobody else's", async () => {
    const { ws, wsId, member, viewer } = await workspaceWithRoles();
    await override(wsId, false);
    await override(wsId, true, parsePublicId('user', member.user.id));
    await override(wsId, true, parsePublicId('user', viewer.user.id));

    const accepted = await call('POST', '/api/v1/me/exports', { cookie: member.cookie });
    const id = accepted.json.id as string;
    await runBatch([
      delivery(
        envelope('personal-data.export', { user_id: parsePublicId('user', member.user.id), export_id: personalExportIds.parse(id) }),
      ),
    ]);
    const status = await call('GET', `/api/v1/me/exports/${id}`, { cookie: member.cookie });
    const archive = JSON.parse((await call('GET', status.json.download_url)).text);

    expect(archive.content.feature_flag_overrides).toEqual([{ workspace_id: ws.id, flag, enabled: true, updated_at: expect.any(String) }]);
  });
});
