import { describe, expect, it } from 'vitest';
import { ownerPool, ownerSql } from '../test/db.ts';

/**
 * Every table, view and function the migrations create is checked here, so a future table cannot
 * forget tenant isolation: each rule is run against the real catalog of the migrated database.
 */
const violationsQuery = `
with tenant_tables as (
  select c.oid, c.relname, c.relrowsecurity, c.relforcerowsecurity, a.attnotnull
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped
   where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
)
select relname || ': row level security is not enabled' as violation from tenant_tables where not relrowsecurity
union all
select relname || ': row level security is not forced' from tenant_tables where not relforcerowsecurity
union all
-- audit_log and job also hold a person's own rows (account entries; a data export's job), which
-- their own policies bind to app.user_id: workspace_id null is that, not a forgotten tenant.
select relname || ': workspace_id may be null' from tenant_tables where not attnotnull and relname not in ('audit_log', 'job')
union all
select t.relname || ': no policy reads app.workspace_id' from tenant_tables t
 where not exists (
   select 1 from pg_policy p
    where p.polrelid = t.oid
      and (coalesce(pg_get_expr(p.polqual, p.polrelid), '') || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')) like '%app.workspace_id%')
union all
select c.relname || ': view without security_invoker'
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where c.relkind = 'v' and n.nspname not in ('pg_catalog', 'information_schema')
   and not coalesce(c.reloptions::text[] && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false)
union all
select p.proname || ': SECURITY DEFINER without a pinned search_path'
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
 where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')
   and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%')
union all
select 'app_request: may bypass row level security' from pg_roles where rolname = 'app_request' and (rolsuper or rolbypassrls)
union all
select c.relname || ': owned by app_request' from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = 'app_request'
union all
select c.relname || ': policy ' || p.polname || ' is for app_request, so also for the owner (a member of it); test current_user'
  from pg_policy p join pg_class c on c.oid = p.polrelid join pg_roles r on r.oid = any(p.polroles)
 where r.rolname = 'app_request'
order by 1`;

describe('catalog rules for tenant isolation', () => {
  it('holds for every table, view and function of the migrated schema', async () => {
    const sql = ownerSql();
    const rows = (await sql.query(violationsQuery)) as Array<{ violation: string }>;
    expect(rows.map((r) => r.violation)).toEqual([]);
  });

  it('flags a new table, view or function that forgets the rules', async () => {
    const pool = ownerPool();
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('create table forgetful (id uuid primary key, workspace_id uuid not null)');
      await client.query('create view leaky as select * from team');
      await client.query("create function unpinned() returns int language sql security definer as 'select 1'");
      await client.query('alter table forgetful enable row level security');
      await client.query('create policy forgetful_own on forgetful as restrictive to app_request using (true)');
      const { rows } = await client.query<{ violation: string }>(violationsQuery);
      expect(rows.map((r) => r.violation)).toEqual([
        'forgetful: no policy reads app.workspace_id',
        'forgetful: policy forgetful_own is for app_request, so also for the owner (a member of it); test current_user',
        'forgetful: row level security is not forced',
        'leaky: view without security_invoker',
        'unpinned: SECURITY DEFINER without a pinned search_path',
      ]);
    } finally {
      await client.query('rollback');
      client.release();
      await pool.end();
    }
  });
});
