import { and, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder, Tx } from '../../db/gateway.ts';
import { currentWorkspaceId } from '../../db/schema.ts';
import { project } from './projects.tables.ts';
import type { ProjectSort } from './projects.schema.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

const sortColumns = {
  created_at: { value: project.createdAt, type: 'timestamptz' },
  name: { value: project.name, type: 'text' },
} as const;

export const projectColumns = {
  id: project.id,
  name: project.name,
  description: project.description,
  status: project.status,
  createdAt: project.createdAt,
  updatedAt: project.updatedAt,
};

/**
 * One page, newest first by default. No `workspace_id` filter is written here: RLS scopes every
 * row to the current workspace (tests prove that forgetting it leaks nothing).
 */
export function selectPage(
  db: HttpDb,
  params: { sort: ProjectSort; status?: 'active' | 'archived' | undefined; after: Position | null; limit: number },
) {
  const keyset: Keyset = {
    ...sortColumns[params.sort.replace('-', '') as 'created_at' | 'name'],
    id: project.id,
    direction: params.sort.startsWith('-') ? 'desc' : 'asc',
  };
  const filters: SQL[] = [isNull(project.deletedAt), after(keyset, params.after)];
  if (params.status) filters.push(eq(project.status, params.status));
  return db
    .select({ ...projectColumns, sortValue: sortValue(keyset) })
    .from(project)
    .where(and(...filters))
    .orderBy(keysetOrder(keyset))
    .limit(params.limit + 1);
}

export const selectOne = (db: HttpDb, id: string) =>
  db
    .select(projectColumns)
    .from(project)
    .where(and(eq(project.id, id), isNull(project.deletedAt)));

export const insertProject = (db: QueryBuilder, row: typeof project.$inferInsert) =>
  db.insert(project).values(row).returning(projectColumns);

export const updateProject = (
  db: QueryBuilder,
  id: string,
  patch: Partial<Pick<typeof project.$inferInsert, 'name' | 'description' | 'status'>>,
) =>
  db
    .update(project)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(project.id, id), isNull(project.deletedAt)))
    .returning(projectColumns);

/** True while the project exists and is not deleted: the condition of its `project.updated` event. */
export const liveProject = (id: string) =>
  sql`exists (select 1 from ${project} where ${project.id} = ${id} and ${project.deletedAt} is null)`;

export async function softDeleteProject(tx: Tx, id: string) {
  const [deleted] = await tx
    .update(project)
    .set({ deletedAt: new Date() })
    .where(and(eq(project.id, id), isNull(project.deletedAt)))
    .returning({ id: project.id });
  return deleted ?? null;
}

/** How long a deleted project can be restored. */
export const RESTORE_WINDOW_DAYS = 30;

/**
 * Brings back a project deleted within the restore window; null when there is none (never deleted,
 * deleted too long ago, or another workspace's).
 */
export async function restoreProject(tx: Tx, id: string) {
  const [restored] = await tx
    .update(project)
    .set({ deletedAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(project.id, id),
        isNotNull(project.deletedAt),
        sql`${project.deletedAt} > now() - make_interval(days => ${RESTORE_WINDOW_DAYS})`,
      ),
    )
    .returning(projectColumns);
  return restored ?? null;
}

/** Live projects of the current workspace, for the plan's project limit. */
export const projectsInUse = sql<number>`(select count(*) from ${project} where ${project.workspaceId} = ${currentWorkspaceId} and ${project.deletedAt} is null)`;

/** Many projects in one statement (an import's chunk). */
export const insertProjects = (db: QueryBuilder, rows: Array<typeof project.$inferInsert>) => db.insert(project).values(rows);

export async function countProjectsInUse(db: QueryBuilder): Promise<number> {
  const [row] = await db.select({ used: sql<string>`${projectsInUse}` }).from(sql`(select 1) as one`);
  return Number(row?.used ?? 0);
}
