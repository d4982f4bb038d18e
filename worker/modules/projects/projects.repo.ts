import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder, Tx } from '../../db/gateway.ts';
import { currentWorkspaceId } from '../../db/schema.ts';
import { project } from './projects.tables.ts';
import type { ProjectSort } from './projects.schema.ts';

/** Keyset position: the sort column's value as Postgres prints it, and the id as tie-breaker. */
export interface Position {
  value: string;
  id: string;
}

const sortColumns = {
  created_at: { column: project.createdAt, cast: sql`timestamptz` },
  name: { column: project.name, cast: sql`text` },
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
  const descending = params.sort.startsWith('-');
  const { column, cast } = sortColumns[params.sort.replace('-', '') as 'created_at' | 'name'];
  const filters: SQL[] = [isNull(project.deletedAt)];
  if (params.status) filters.push(eq(project.status, params.status));
  if (params.after) {
    const op = descending ? sql`<` : sql`>`;
    filters.push(sql`(${column}, ${project.id}) ${op} (${params.after.value}::${cast}, ${params.after.id}::uuid)`);
  }
  const order = descending ? [desc(column), desc(project.id)] : [asc(column), asc(project.id)];
  return db
    .select({ ...projectColumns, sortValue: sql<string>`${column}::text` })
    .from(project)
    .where(and(...filters))
    .orderBy(...order)
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

/** Live projects of the current workspace, for the plan's project limit. */
export const projectsInUse = sql<number>`(select count(*) from ${project} where ${project.workspaceId} = ${currentWorkspaceId} and ${project.deletedAt} is null)`;

/** Many projects in one statement (an import's chunk). */
export const insertProjects = (db: QueryBuilder, rows: Array<typeof project.$inferInsert>) => db.insert(project).values(rows);

export async function countProjectsInUse(db: QueryBuilder): Promise<number> {
  const [row] = await db.select({ used: sql<string>`${projectsInUse}` }).from(sql`(select 1) as one`);
  return Number(row?.used ?? 0);
}
