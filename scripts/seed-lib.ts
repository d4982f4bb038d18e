import { webcrypto } from 'node:crypto';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { setContextText } from '../worker/db/context.ts';
import { importWorkerFile } from './worker-import.ts';

/** The demo account and workspace that `npm run dev` and `npm run db:seed` create. */
export const demo = {
  email: 'demo@example.com',
  password: 'demo-password-123',
  name: 'Demo User',
  workspaceSlug: 'demo',
  workspaceName: 'Demo Workspace',
} as const;

// Fixed ids (valid UUIDv7 layout), so a second run finds the rows of the first and adds nothing.
const ids = {
  user: '01900000-0000-7000-8000-000000000001',
  workspace: '01900000-0000-7000-8000-000000000002',
  membership: '01900000-0000-7000-8000-000000000003',
} as const;

/** Same scheme as worker/modules/auth/password.ts: `pbkdf2-sha256$<iterations>$<salt>$<hash>`, base64url. */
export async function hashPassword(password: string, iterations = 100_000): Promise<string> {
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await webcrypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return `pbkdf2-sha256$${iterations}$${base64url(salt)}$${base64url(new Uint8Array(bits))}`;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

export interface SeedResult {
  /** Rows inserted by this run (0 when everything was already there). */
  inserted: number;
  /** Set when the demo could not be created, e.g. the slug belongs to another workspace. */
  skipped?: string;
}

/** What the seed needs of a module's `demoSeed` (worker/modules/module.ts). */
interface ModuleDemoSeed {
  seed(db: NodePgDatabase, target: { workspaceId: string; userId: string }): Promise<void>;
}

/** The demo seeds of the modules in worker/modules/registry.ts, in registry order. */
async function moduleDemoSeeds(): Promise<ModuleDemoSeed[]> {
  const module = await importWorkerFile<Record<string, { demoSeed?: ModuleDemoSeed }>>('worker/modules/registry.ts');
  return Object.values(module).flatMap((manifest) => (manifest.demoSeed ? [manifest.demoSeed] : []));
}

/**
 * Creates the demo user (email verified, so every page works at once), the workspace (the user
 * owns it) and, in a workspace created by this run, each installed module's sample data (its
 * manifest's `demoSeed`). Idempotent: the rows are keyed by fixed ids and inserted with `on
 * conflict do nothing`, and module data is seeded only with the workspace, so running it again
 * changes nothing. Connects as the database owner; tenant tables force row-level security, so the
 * workspace and user context are set first, inside the one transaction.
 */
export async function seedDemo(databaseUrl: string): Promise<SeedResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    let inserted = 0;

    // The user table has RLS enabled but not forced; the owner may insert, the context is set anyway.
    await client.query(setContextText('user_id'), [ids.user]);
    const existingUser = await client.query<{ id: string }>(`select id from "user" where email = $1`, [demo.email]);
    let userId = existingUser.rows[0]?.id;
    if (!userId) {
      const created = await client.query(
        `insert into "user" (id, email, name, password_hash, email_verified_at) values ($1, $2, $3, $4, now()) on conflict do nothing`,
        [ids.user, demo.email, demo.name, await hashPassword(demo.password)],
      );
      inserted += created.rowCount ?? 0;
      userId = ids.user;
    }
    await client.query(setContextText('user_id'), [userId]);
    await client.query(setContextText('workspace_id'), [ids.workspace]);

    const workspace = await client.query(`insert into workspace (id, slug, name) values ($1, $2, $3) on conflict do nothing`, [
      ids.workspace,
      demo.workspaceSlug,
      demo.workspaceName,
    ]);
    inserted += workspace.rowCount ?? 0;
    const ours = await client.query(`select 1 from workspace where id = $1`, [ids.workspace]);
    if (ours.rowCount === 0) {
      await client.query('rollback');
      return { inserted: 0, skipped: `the slug "${demo.workspaceSlug}" belongs to another workspace` };
    }

    const membership = await client.query(
      `insert into membership (id, workspace_id, user_id, role) values ($1, $2, $3, 'owner') on conflict do nothing`,
      [ids.membership, ids.workspace, userId],
    );
    inserted += membership.rowCount ?? 0;

    if (workspace.rowCount === 1) {
      const db = drizzle({ client });
      for (const seed of await moduleDemoSeeds()) await seed.seed(db, { workspaceId: ids.workspace, userId });
    }

    await client.query('commit');
    return { inserted };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
