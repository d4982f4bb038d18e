import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/gateway.ts';
import { toPublicId } from '../../kernel/ids.ts';
import type { PersonalExportPart } from '../module.ts';
import { projectIds } from './projects.ids.ts';
import { project } from './projects.tables.ts';

/** Projects the person created in the workspace in context. */
async function selectProjectsCreatedBy(tx: Tx, userId: string) {
  return tx
    .select({
      id: project.id,
      name: project.name,
      description: project.description,
      status: project.status,
      createdAt: project.createdAt,
      updatedAt: project.updatedAt,
    })
    .from(project)
    .where(and(eq(project.createdBy, userId), isNull(project.deletedAt)))
    .orderBy(project.createdAt);
}

/** The projects part of a person's data export (`content.projects`). */
export const projectsExport: PersonalExportPart = {
  name: 'projects',
  async collect(tx, userId, workspaceId) {
    const rows = await selectProjectsCreatedBy(tx, userId);
    return rows.map((row) => ({
      id: projectIds.toPublic(row.id),
      workspace_id: toPublicId('workspace', workspaceId),
      name: row.name,
      description: row.description,
      status: row.status,
      created_at: row.createdAt.toISOString(),
      updated_at: row.updatedAt.toISOString(),
    }));
  },
};
