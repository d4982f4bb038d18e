import { and, desc, eq, isNull } from 'drizzle-orm';
import type { HttpDb, Tx } from '../../db/gateway.ts';
import { project, projectAttachment } from './projects.tables.ts';

/**
 * A live project's attached file ids, newest link first, in one query: no row means no such project,
 * a row without a file id a project with none. RLS scopes both tables to the workspace in context.
 */
export const selectAttachedIds = (db: HttpDb, projectId: string) =>
  db
    .select({ projectId: project.id, fileId: projectAttachment.fileId })
    .from(project)
    .leftJoin(projectAttachment, eq(projectAttachment.projectId, project.id))
    .where(and(eq(project.id, projectId), isNull(project.deletedAt)))
    .orderBy(desc(projectAttachment.createdAt), desc(projectAttachment.fileId))
    .limit(100);

/** Links a file once; attaching it again changes nothing. */
export const insertAttachment = (tx: Tx, row: typeof projectAttachment.$inferInsert) =>
  tx.insert(projectAttachment).values(row).onConflictDoNothing().returning({ fileId: projectAttachment.fileId });

export const deleteAttachment = (tx: Tx, projectId: string, fileId: string) =>
  tx
    .delete(projectAttachment)
    .where(and(eq(projectAttachment.projectId, projectId), eq(projectAttachment.fileId, fileId)))
    .returning({ fileId: projectAttachment.fileId });
