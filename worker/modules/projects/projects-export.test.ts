import { describe, expect, it } from 'vitest';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import { parsePublicId, type PublicIdKind } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember } from '../../test/db.ts';
import { personalExportIds } from '../account/account.ids.ts';

const uuid = (kind: 'workspace' | 'user' | PublicIdKind, id: string) =>
  (typeof kind === 'string' ? parsePublicId(kind, id) : kind.parse(id)) ?? '';

describe('the projects part of a personal data export', () => {
  it("holds the live projects the person created, in each of their workspaces, and nobody else's", async () => {
    const person = await signUp('Frida');
    const own = await createWorkspace(person.cookie, 'Frida Co');
    const other = await signUp('Olaf');
    const shared = await createWorkspace(other.cookie, 'Olaf Inc');
    await addMember(uuid('workspace', shared.id), uuid('user', person.user.id), 'member');
    const create = (slug: string, cookie: string, name: string) => call('POST', `/api/v1/w/${slug}/projects`, { cookie, body: { name } });
    expect((await create(own.slug, person.cookie, 'Mine one')).status).toBe(201);
    expect((await create(shared.slug, person.cookie, 'Mine in shared')).status).toBe(201);
    const gone = await create(own.slug, person.cookie, 'Deleted');
    expect((await call('DELETE', `/api/v1/w/${own.slug}/projects/${gone.json.id}`, { cookie: person.cookie })).status).toBe(204);
    expect((await create(shared.slug, other.cookie, 'Olaf only')).status).toBe(201);

    const accepted = await call('POST', '/api/v1/me/exports', { cookie: person.cookie });
    expect(accepted.status).toBe(202);
    const id = accepted.json.id as string;
    await runBatch([
      delivery(envelope('personal-data.export', { user_id: uuid('user', person.user.id), export_id: uuid(personalExportIds, id) })),
    ]);
    const status = await call('GET', `/api/v1/me/exports/${id}`, { cookie: person.cookie });
    const archive = JSON.parse((await call('GET', status.json.download_url)).text);

    expect(archive.content.projects.map((p: any) => p.name).sort()).toEqual(['Mine in shared', 'Mine one']);
    expect(archive.content.projects[0]).toMatchObject({ id: expect.stringMatching(/^prj_/), status: 'active' });
    expect(archive.content.projects.map((p: any) => p.workspace_id).sort()).toEqual([own.id, shared.id].sort());
    expect(JSON.stringify(archive)).not.toContain('Olaf only');
  });
});
