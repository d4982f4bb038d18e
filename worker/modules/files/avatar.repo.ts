import { and, eq, sql } from 'drizzle-orm';
import type { HttpDb, Tx } from '../../db/gateway.ts';
import { currentUserId, user } from '../../db/schema.ts';
import { fileColumns } from './files.repo.ts';
import { file } from './files.tables.ts';

const self = sql`${user.id} = ${currentUserId}`;

/** Points the signed-in person's avatar at a file, or (null) at none. `user_self` limits it to their own row. */
export const updateOwnAvatar = (tx: Tx, avatar: { workspaceId: string; fileId: string } | null) =>
  tx
    .update(user)
    .set({ avatarWorkspaceId: avatar?.workspaceId ?? null, avatarFileId: avatar?.fileId ?? null, updatedAt: sql`now()` })
    .where(self)
    .returning({ id: user.id });

/** The signed-in person's avatar file (policy `file_own_avatar_read` opens it from outside its workspace). */
export const selectOwnAvatar = (db: HttpDb) =>
  db
    .select(fileColumns)
    .from(user)
    .innerJoin(file, and(eq(file.workspaceId, user.avatarWorkspaceId), eq(file.id, user.avatarFileId)))
    .where(self);

/** A person's avatar reference, read during their erasure. */
export async function avatarOf(tx: Tx, userId: string) {
  const [row] = await tx.select({ workspaceId: user.avatarWorkspaceId, fileId: user.avatarFileId }).from(user).where(eq(user.id, userId));
  return row?.workspaceId && row.fileId ? { workspaceId: row.workspaceId, fileId: row.fileId } : null;
}

/** Deletes a file of the workspace in context; the avatar reference clears with it (ON DELETE SET NULL). */
export const deleteFile = (tx: Tx, id: string) => tx.delete(file).where(eq(file.id, id)).returning({ objectKey: file.objectKey });

/**
 * Where the avatar of a member of the workspace in context lives (`app_private.workspace_avatars()`,
 * which names only members of that workspace who have one): no row for anyone else.
 */
export const selectMemberAvatar = (db: HttpDb, membershipId: string) =>
  db.execute(sql`select workspace_id, file_id from app_private.workspace_avatars() where membership_id = ${membershipId}`);

export type MemberAvatarRow = { workspace_id: string; file_id: string };

/** The clean file of the workspace in context, read to sign a link to it. */
export const selectCleanFile = (db: HttpDb, id: string) =>
  db
    .select(fileColumns)
    .from(file)
    .where(and(eq(file.id, id), eq(file.status, 'clean')));
