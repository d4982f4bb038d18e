/**
 * `worker/db/security.sql`: the live text of everything the database enforces on the app's behalf,
 * read back from a database the migrations built. Migrations replace a function by restating it, so
 * its current body is in the newest migration that touched it; this file has every current body in
 * one place. `scripts/security-sql.test.ts` fails when the file and the migrations disagree.
 *
 *   node scripts/security-sql.ts --write    rebuilds the file from the migrations
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { root } from './stack.ts';

export const securitySqlPath = join(root, 'worker/db/security.sql');

type Query = <T>(text: string) => Promise<T[]>;

const header = `-- Generated from the migrations by scripts/security-sql.ts: do not edit; change a migration.
-- The current definition of every function in app_private and every SECURITY DEFINER function,
-- every row-level security policy, which tables enable and force RLS, the triggers that guard
-- tables, and what the request role app_request may do.`;

async function functions(query: Query): Promise<string[]> {
  const rows = await query<{ signature: string; definition: string }>(`
    select p.oid::regprocedure::text as signature, pg_get_functiondef(p.oid) as definition
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'app_private' or (n.nspname = 'public' and p.prosecdef)
     order by 1`);
  return rows.map((r) => `-- ${r.signature}\n${r.definition.trim()};`);
}

async function rowSecurity(query: Query): Promise<string[]> {
  const rows = await query<{ name: string; enabled: boolean; forced: boolean }>(`
    select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity
     order by 1`);
  return rows.map(
    (r) =>
      `ALTER TABLE public.${quoteIdent(r.name)} ENABLE ROW LEVEL SECURITY;${r.forced ? ` ALTER TABLE public.${quoteIdent(r.name)} FORCE ROW LEVEL SECURITY;` : ''}`,
  );
}

async function policies(query: Query): Promise<string[]> {
  const rows = await query<{
    table: string;
    name: string;
    permissive: string;
    roles: string;
    cmd: string;
    qual: string | null;
    check: string | null;
  }>(`
    select tablename as table, policyname as name, permissive, array_to_string(roles, ', ') as roles, cmd,
           qual, with_check as check
      from pg_policies where schemaname = 'public'
     order by tablename, policyname`);
  return rows.map((r) =>
    [
      `CREATE POLICY ${quoteIdent(r.name)} ON public.${quoteIdent(r.table)} AS ${r.permissive} FOR ${r.cmd} TO ${r.roles}`,
      r.qual === null ? null : `  USING (${r.qual})`,
      r.check === null ? null : `  WITH CHECK (${r.check})`,
    ]
      .filter((line) => line !== null)
      .join('\n')
      .concat(';'),
  );
}

async function triggers(query: Query): Promise<string[]> {
  const rows = await query<{ definition: string }>(`
    select pg_get_triggerdef(t.oid) as definition
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and not t.tgisinternal
     order by c.relname, t.tgname`);
  return rows.map((r) => `${r.definition};`);
}

async function requestRoleGrants(query: Query): Promise<string[]> {
  const tables = await query<{ table: string; privileges: string }>(`
    select table_name as table, string_agg(privilege_type, ', ' order by privilege_type) as privileges
      from information_schema.role_table_grants
     where grantee = 'app_request' and table_schema = 'public'
     group by table_name order by table_name`);
  const columns = await query<{ table: string; privilege: string; columns: string }>(`
    select table_name as table, privilege_type as privilege, string_agg(column_name, ', ' order by column_name) as columns
      from information_schema.column_privileges
     where grantee = 'app_request' and table_schema = 'public'
       and (table_name, privilege_type) not in (
         select table_name, privilege_type from information_schema.role_table_grants
          where grantee = 'app_request' and table_schema = 'public')
     group by table_name, privilege_type order by table_name, privilege_type`);
  const routines = await query<{ signature: string }>(`
    select p.oid::regprocedure::text as signature
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'app_private') and has_function_privilege('app_request', p.oid, 'execute')
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
     order by 1`);
  return [
    ...tables.map((r) => `GRANT ${r.privileges} ON public.${quoteIdent(r.table)} TO app_request;`),
    ...columns.map((r) => `GRANT ${r.privilege} (${r.columns}) ON public.${quoteIdent(r.table)} TO app_request;`),
    ...routines.map((r) => `GRANT EXECUTE ON FUNCTION ${r.signature} TO app_request;`),
  ];
}

const reservedWords = new Set(['user', 'order', 'group', 'table', 'column']);

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !reservedWords.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** The file's text for the database `query` reaches. */
export async function renderSecuritySql(query: Query): Promise<string> {
  const sections: Array<[string, string[]]> = [
    ['Functions', await functions(query)],
    ['Row-level security', await rowSecurity(query)],
    ['Policies', await policies(query)],
    ['Triggers', await triggers(query)],
    ['What the request role may do (app_request)', await requestRoleGrants(query)],
  ];
  const body = sections.map(([title, items]) => `-- ${'='.repeat(96)}\n-- ${title}\n\n${items.join('\n\n')}`);
  return `${header}\n\n${body.join('\n\n')}\n`;
}

/** Builds a fresh in-memory database from migrations/ and renders it. */
export async function securitySqlFromMigrations(): Promise<string> {
  const db = new PGlite();
  try {
    await migrate(drizzle({ client: db }), { migrationsFolder: join(root, 'migrations') });
    return await renderSecuritySql(async <T>(text: string) => (await db.query<T>(text)).rows);
  } finally {
    await db.close();
  }
}

export const committedSecuritySql = () => readFile(securitySqlPath, 'utf8');

if (process.argv.includes('--write')) {
  await writeFile(securitySqlPath, await securitySqlFromMigrations());
  console.log(`Wrote ${securitySqlPath}`);
}
