import { and, eq, isNull } from 'drizzle-orm';
import type { TenantGateway, Tx } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { fileIds } from '../files/files.ids.ts';
import { filesByIds, linkableFile } from '../files/files.service.ts';
import * as repo from './project-attachments.repo.ts';
import { projectIds } from './projects.ids.ts';
import { project } from './projects.tables.ts';

const projectNotFound = () => new AppError('NOT_FOUND', 'Project not found');

/** The live project, locked so it cannot be deleted while a file is linked to it. */
async function lockLiveProject(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: project.id })
    .from(project)
    .where(and(eq(project.id, id), isNull(project.deletedAt)))
    .for('update');
  if (!row) throw projectNotFound();
}

/** A project's attachments, with their scan status; only clean ones download (through the file routes). */
export async function listAttachments(gateway: TenantGateway, publicProjectId: string) {
  const id = projectIds.require(publicProjectId, 'Project');
  const { scope, result } = await gateway.read((http) => repo.selectAttachedIds(http, id));
  assertCan(scope, 'project:read');
  if (result.length === 0) throw projectNotFound();
  const ids = result.flatMap((row) => (row.fileId ? [row.fileId] : []));
  return { items: await filesByIds(gateway, ids) };
}

/**
 * Links a file of this workspace to the project, in one transaction that locks both (row-level
 * security hides any other workspace's file, which is refused like a missing one). A file is linked
 * once; a quarantined one never.
 */
export async function attachFile(gateway: TenantGateway, publicProjectId: string, publicFileId: string, context: AuditContext) {
  const projectId = projectIds.require(publicProjectId, 'Project');
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'project:update');
    await lockLiveProject(tx, projectId);
    const file = await linkableFile(tx, publicFileId, 'file_id');
    const [linked] = await repo.insertAttachment(tx, { workspaceId, projectId, fileId: file.id, attachedBy: scope.userId });
    if (linked) {
      await recordAudit(
        tx,
        {
          workspaceId,
          actor: scope.actor,
          action: 'project.file_attached',
          target: { type: 'project', id: projectId },
          metadata: { file_id: file.dto.id },
        },
        context,
      );
    }
    return file.dto;
  });
}

/** Unlinks a file from the project; the file stays the workspace's. */
export async function detachFile(gateway: TenantGateway, publicProjectId: string, publicFileId: string, context: AuditContext) {
  const projectId = projectIds.require(publicProjectId, 'Project');
  const fileId = fileIds.require(publicFileId, 'File');
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'project:update');
    await lockLiveProject(tx, projectId);
    const [unlinked] = await repo.deleteAttachment(tx, projectId, fileId);
    if (!unlinked) throw new AppError('NOT_FOUND', 'The file is not attached to this project');
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'project.file_detached',
        target: { type: 'project', id: projectId },
        metadata: { file_id: publicFileId },
      },
      context,
    );
  });
}
