import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { setContextText } from '../worker/db/context.ts';
import { importWorkerFile } from './worker-import.ts';

/** A flag as a module's manifest declares it (worker/modules/module.ts `FlagDeclaration`). */
export interface DeclaredFlag {
  summary: string;
  defaults: Record<string, boolean | { percent: number }>;
}

export type Catalogue = Readonly<Record<string, DeclaredFlag>>;

/** Every flag the modules of worker/modules/registry.ts declare, checked as the Worker checks them (`featureFlags` in assembly.ts). */
export async function declaredFlags(): Promise<Catalogue> {
  const registry = await importWorkerFile<Record<string, unknown>>('worker/modules/registry.ts');
  const assembly = await importWorkerFile<{ featureFlags(modules: unknown[]): Catalogue }>('worker/modules/assembly.ts');
  return assembly.featureFlags(Object.values(registry));
}

/** One override to set (`enabled` true or false) or to clear (null), for a workspace or one member in it. */
export interface OverrideChange {
  flag: string;
  workspace: string;
  person?: string | undefined;
  enabled: boolean | null;
}

/** A change the catalogue or the database refuses; nothing was written. */
export class FlagChangeRefused extends Error {}

type Client = pg.Client;

/**
 * Runs `work` in one transaction as the owner with the workspace named by `slug` in context (found
 * through policy workspace_operator_read: live workspaces only).
 */
async function inWorkspace<T>(databaseUrl: string, slug: string, work: (client: Client, workspaceId: string) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(setContextText('operator_slug'), [slug]);
    const found = await client.query<{ id: string }>('select id from workspace where slug = $1 and deleted_at is null', [slug]);
    const workspaceId = found.rows[0]?.id;
    if (!workspaceId) throw new FlagChangeRefused(`No live workspace has the slug "${slug}"`);
    await client.query(setContextText('workspace_id'), [workspaceId]);
    const result = await work(client, workspaceId);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function memberId(client: Client, workspaceId: string, email: string): Promise<string> {
  const found = await client.query<{ id: string }>(
    `select u.id from "user" u join membership m on m.user_id = u.id
      where m.workspace_id = $1 and lower(u.email) = lower($2) and u.deleted_at is null`,
    [workspaceId, email],
  );
  const id = found.rows[0]?.id;
  if (!id) throw new FlagChangeRefused(`${email} is not a member of this workspace`);
  return id;
}

/**
 * Sets or clears one override and records it in the workspace's audit log (`flag.override_set`,
 * `flag.override_cleared`, by the system actor `operator`), in one transaction. Answers whether
 * anything changed: setting the value an override already has, or clearing one that is not there,
 * writes nothing.
 */
export async function changeOverride(databaseUrl: string, catalogue: Catalogue, change: OverrideChange): Promise<boolean> {
  if (!catalogue[change.flag]) {
    throw new FlagChangeRefused(`No module declares the flag "${change.flag}" (declared: ${Object.keys(catalogue).join(', ') || 'none'})`);
  }
  return inWorkspace(databaseUrl, change.workspace, async (client, workspaceId) => {
    const personId = change.person ? await memberId(client, workspaceId, change.person) : null;
    const written =
      change.enabled === null
        ? await client.query(
            'delete from flag_override where workspace_id = $1 and flag = $2 and person_id is not distinct from $3 returning id',
            [workspaceId, change.flag, personId],
          )
        : await client.query(
            `insert into flag_override (id, workspace_id, person_id, flag, enabled) values ($1, $2, $3, $4, $5)
             on conflict on constraint flag_override_key do update set enabled = excluded.enabled, updated_at = now()
             where flag_override.enabled is distinct from excluded.enabled
             returning id`,
            [uuidv7(), workspaceId, personId, change.flag, change.enabled],
          );
    if (written.rowCount === 0) return false;
    await client.query(
      `insert into audit_log (id, workspace_id, actor_type, actor_id, action, target_type, target_id, metadata)
       values ($1, $2, 'system', 'system:operator', $3, 'flag', $4, $5)`,
      [
        uuidv7(),
        workspaceId,
        change.enabled === null ? 'flag.override_cleared' : 'flag.override_set',
        change.flag,
        { enabled: change.enabled, person_id: personId },
      ],
    );
    return true;
  });
}

/** One flag as it stands in a workspace: its defaults, the workspace's override, and each member's. */
export interface FlagInWorkspace {
  flag: string;
  summary: string;
  defaults: DeclaredFlag['defaults'];
  workspace: boolean | null;
  people: Array<{ email: string; enabled: boolean }>;
}

/** Every declared flag in the workspace named by `slug`; overrides of flags no module declares any more are left out. */
export async function flagsInWorkspace(databaseUrl: string, catalogue: Catalogue, slug: string): Promise<FlagInWorkspace[]> {
  return inWorkspace(databaseUrl, slug, async (client, workspaceId) => {
    const { rows } = await client.query<{ flag: string; email: string | null; enabled: boolean }>(
      `select o.flag, u.email, o.enabled from flag_override o left join "user" u on u.id = o.person_id
        where o.workspace_id = $1 order by o.flag, u.email nulls first`,
      [workspaceId],
    );
    return Object.entries(catalogue).map(([flag, declared]) => {
      const mine = rows.filter((row) => row.flag === flag);
      return {
        flag,
        summary: declared.summary,
        defaults: declared.defaults,
        workspace: mine.find((row) => row.email === null)?.enabled ?? null,
        people: mine.flatMap((row) => (row.email === null ? [] : [{ email: row.email, enabled: row.enabled }])),
      };
    });
  });
}
