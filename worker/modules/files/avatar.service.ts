import { type Database, type Scope, system, type TenantGateway, type Tx } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import type { ObjectUrls } from '../../kernel/storage.ts';
import type { AccountErasureStep } from '../account/erasure-steps.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { membershipIds } from '../members/members.ids.ts';
import { contentDisposition, inlineImageTypes } from './file-names.ts';
import { fileIds } from './files.ids.ts';
import * as repo from './avatar.repo.ts';
import { type FileRow, lockFile } from './files.repo.ts';
import { DOWNLOAD_URL_SECONDS, toFileDto } from './files.service.ts';

/** An avatar is shown small: a larger image is refused rather than sent to every page that shows it. */
const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** An avatar is the person's own: API keys have none, and set none. */
function personOf(scope: Scope): string {
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  return scope.actor.userId;
}

/**
 * The file that may become the person's avatar: in the workspace in context (row-level security hides
 * any other's), uploaded by the person, found clean, a raster image, locked so it cannot change under
 * the reference, and at most AVATAR_MAX_BYTES. Anything else is a field error said the same way whether the file is missing or unfit.
 */
async function ownImage(tx: Tx, publicId: string, userId: string): Promise<FileRow> {
  const unfit = () =>
    new AppError('VALIDATION_FAILED', 'Pick a clean image you uploaded', {
      fields: { file_id: ['must be a clean image file you uploaded to this workspace'] },
    });
  const id = fileIds.parse(publicId);
  if (!id) throw unfit();
  const row = await lockFile(tx, id);
  if (!row || row.uploadedBy !== userId || row.status !== 'clean' || !inlineImageTypes.has(row.contentType)) throw unfit();
  if (row.sizeBytes > AVATAR_MAX_BYTES)
    throw new AppError('VALIDATION_FAILED', 'The image is too large for an avatar', {
      fields: { file_id: [`must be at most ${AVATAR_MAX_BYTES} bytes`] },
    });
  return row;
}

/** Makes a clean image the person uploaded to this workspace their avatar, checked in the write's own transaction. */
export async function setAvatar(gateway: TenantGateway, publicFileId: string, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'file:read');
    const userId = personOf(scope);
    const image = await ownImage(tx, publicFileId, userId);
    const [updated] = await repo.updateOwnAvatar(tx, { workspaceId, fileId: image.id });
    if (!updated) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'user.avatar_changed', target: { type: 'file', id: image.id } },
      context,
    );
    return toFileDto(image);
  });
}

/** The person goes back to their initials; the file stays in its workspace. */
export async function clearAvatar(gateway: TenantGateway, context: AuditContext) {
  await gateway.write(async (tx, scope) => {
    const userId = personOf(scope);
    const [updated] = await repo.updateOwnAvatar(tx, null);
    if (!updated) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    await recordAudit(
      tx,
      { workspaceId: null, actor: scope.actor, action: 'user.avatar_removed', target: { type: 'user', id: userId } },
      context,
    );
  });
}

/** A short inline link to the person's avatar, from wherever it lives; 404 when they have none. */
export async function avatarLink(gateway: TenantGateway, objectUrls: ObjectUrls | undefined) {
  if (!objectUrls) throw new AppError('SERVICE_UNAVAILABLE', 'File downloads are not configured');
  const { scope, result } = await gateway.read((http) => repo.selectOwnAvatar(http));
  personOf(scope);
  const row = result[0];
  if (!row) throw new AppError('NOT_FOUND', 'No avatar is set');
  return signedInline(objectUrls, row);
}

/** A 5-minute inline signed GET of an avatar's file, with the file it shows. */
async function signedInline(objectUrls: ObjectUrls, row: FileRow) {
  const signed = await objectUrls.presignGet({
    key: row.objectKey,
    contentType: row.contentType,
    contentDisposition: contentDisposition(row.name, 'inline'),
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
  });
  return { file: toFileDto(row), url: signed.url, expires_at: signed.expiresAt.toISOString() };
}

/**
 * A short inline link to the avatar of a member of the workspace in context, for anyone who may see
 * its members. The person's avatar may live in a workspace the reader does not belong to: the
 * directory function names it only for a member of this workspace, and the file is then read in its
 * own workspace (a second round trip), so no policy opens one workspace's files to another's queries.
 * A member without an avatar, and anyone who is not a member here, is a 404.
 */
export async function memberAvatarLink(gateway: TenantGateway, db: Database, objectUrls: ObjectUrls | undefined, publicMemberId: string) {
  if (!objectUrls) throw new AppError('SERVICE_UNAVAILABLE', 'File downloads are not configured');
  const membershipId = membershipIds.require(publicMemberId, 'Member');
  const { scope, result } = await gateway.read((http) => repo.selectMemberAvatar(http, membershipId));
  assertCan(scope, 'member:read');
  const avatar = (result as unknown as { rows: repo.MemberAvatarRow[] }).rows[0];
  if (!avatar) throw new AppError('NOT_FOUND', 'No avatar is set');
  const inItsWorkspace = system(db, { role: 'app_request', workspace: avatar.workspace_id });
  const [row] = await inItsWorkspace.query((q) => repo.selectCleanFile(q, avatar.file_id));
  if (!row) throw new AppError('NOT_FOUND', 'No avatar is set');
  return signedInline(objectUrls, row);
}

/**
 * Erasing a person removes their avatar: its row (which clears the reference) and, once the erasure
 * has committed, its object. The avatar may live in a workspace the person has left, so the step
 * steps into that workspace itself.
 */
export const avatarErasure: AccountErasureStep = {
  name: 'avatar',
  async erase(tx, run, session) {
    const avatar = await repo.avatarOf(tx, run.userId);
    if (!avatar) return 0;
    await session.enterWorkspace(avatar.workspaceId);
    const deleted = await repo.deleteFile(tx, avatar.fileId);
    await session.enterWorkspace(null);
    for (const row of deleted) run.objectsToDelete.push(row.objectKey);
    return deleted.length;
  },
};
