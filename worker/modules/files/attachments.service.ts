import type { TenantGateway, Tx } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PublicIdKind } from '../../kernel/ids.ts';
import type { Action } from '../../kernel/permissions.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { AttachmentTable } from './attachment-table.ts';
import * as repo from './attachments.repo.ts';
import { fileIds } from './files.ids.ts';
import { filesByIds, linkableFile } from './files.service.ts';

/**
 * A module's records that take attachments (docs/decisions/061): the link table (`attachmentTable`),
 * the records' table, their id kind, what a person must be allowed to read or change them, and the
 * word the errors and audit entries use (`project`: "Project not found", `project.file_attached`).
 */
export interface Attachable {
  links: AttachmentTable;
  owner: repo.AttachmentOwner;
  ids: PublicIdKind;
  noun: string;
  read: Action;
  update: Action;
}

/** `purchase-order` → `Purchase order`, as the errors say it. */
const titleOf = (attachable: Attachable) => {
  const words = attachable.noun.replaceAll('-', ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
};

const ownerNotFound = (attachable: Attachable) => new AppError('NOT_FOUND', `${titleOf(attachable)} not found`);

async function lockLiveOwner(tx: Tx, attachable: Attachable, ownerId: string) {
  if (!(await repo.lockLiveOwner(tx, attachable.owner, ownerId))) throw ownerNotFound(attachable);
}

/** A record's attachments, with their scan status; only clean ones download (through the file routes). */
export async function listAttachments(gateway: TenantGateway, attachable: Attachable, publicOwnerId: string) {
  const ownerId = attachable.ids.require(publicOwnerId, titleOf(attachable));
  const { scope, result } = await gateway.read((http) => repo.selectAttachedIds(http, attachable.links, attachable.owner, ownerId));
  assertCan(scope, attachable.read);
  if (result.length === 0) throw ownerNotFound(attachable);
  const ids = result.flatMap((row) => (row.fileId ? [row.fileId] : []));
  return { items: await filesByIds(gateway, ids) };
}

/**
 * Links a file of this workspace to the record, in one transaction that locks both (row-level
 * security hides any other workspace's file, which is refused like a missing one). A file is linked
 * once; a quarantined one never.
 */
export async function attachFile(
  gateway: TenantGateway,
  attachable: Attachable,
  publicOwnerId: string,
  publicFileId: string,
  context: AuditContext,
) {
  const ownerId = attachable.ids.require(publicOwnerId, titleOf(attachable));
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, attachable.update);
    await lockLiveOwner(tx, attachable, ownerId);
    const file = await linkableFile(tx, publicFileId, 'file_id');
    const [linked] = await repo.insertAttachment(tx, attachable.links, { workspaceId, ownerId, fileId: file.id, attachedBy: scope.userId });
    if (linked) {
      const target = { type: attachable.noun, id: ownerId };
      const entry = {
        workspaceId,
        actor: scope.actor,
        action: `${attachable.noun}.file_attached`,
        target,
        metadata: { file_id: file.dto.id },
      };
      await recordAudit(tx, entry, context);
    }
    return file.dto;
  });
}

/** Unlinks a file from the record; the file stays the workspace's. */
export async function detachFile(
  gateway: TenantGateway,
  attachable: Attachable,
  publicOwnerId: string,
  publicFileId: string,
  context: AuditContext,
) {
  const ownerId = attachable.ids.require(publicOwnerId, titleOf(attachable));
  const fileId = fileIds.require(publicFileId, 'File');
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, attachable.update);
    await lockLiveOwner(tx, attachable, ownerId);
    const [unlinked] = await repo.deleteAttachment(tx, attachable.links, ownerId, fileId);
    if (!unlinked) throw new AppError('NOT_FOUND', `The file is not attached to this ${attachable.noun.replaceAll('-', ' ')}`);
    const target = { type: attachable.noun, id: ownerId };
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: `${attachable.noun}.file_detached`, target, metadata: { file_id: publicFileId } },
      context,
    );
  });
}
