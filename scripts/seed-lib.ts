import { webcrypto } from 'node:crypto';
import pg from 'pg';
import { setContextText } from '../worker/db/context.ts';

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

const projects: ReadonlyArray<{ id: string; name: string; description: string; status: 'active' | 'archived' }> = [
  {
    id: '01900000-0000-7000-8000-000000000101',
    name: 'Website redesign',
    description: 'New landing page, pricing table and a lighter checkout.',
    status: 'active',
  },
  {
    id: '01900000-0000-7000-8000-000000000102',
    name: 'Mobile app',
    description: 'iOS and Android clients on the public API.',
    status: 'active',
  },
  {
    id: '01900000-0000-7000-8000-000000000103',
    name: 'Billing migration',
    description: 'Move invoices and subscriptions to the new payment provider.',
    status: 'active',
  },
  {
    id: '01900000-0000-7000-8000-000000000104',
    name: 'Customer onboarding',
    description: 'Guided setup, sample data and a welcome email series.',
    status: 'active',
  },
  {
    id: '01900000-0000-7000-8000-000000000105',
    name: 'Legacy reporting',
    description: 'The old CSV exports, kept read-only until Q3.',
    status: 'archived',
  },
];

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

/**
 * Creates the demo user, workspace (the user owns it) and sample projects. Idempotent: rows are
 * keyed by fixed ids and inserted with `on conflict do nothing`, so running it again changes
 * nothing. Connects as the database owner; tenant tables force row-level security, so the
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
        `insert into "user" (id, email, name, password_hash) values ($1, $2, $3, $4) on conflict do nothing`,
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

    // The sample module's rows, while it is installed (removing it drops its table).
    const sample = await client.query<{ present: boolean }>(`select to_regclass('public.project') is not null as present`);
    const sampleProjects = sample.rows[0]?.present ? projects : [];
    for (const [index, project] of sampleProjects.entries()) {
      // Spaced a minute apart (oldest first), so "newest first" lists them in a stable order.
      const result = await client.query(
        `insert into project (id, workspace_id, name, description, status, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, now() - make_interval(mins => $7), now() - make_interval(mins => $7))
         on conflict do nothing`,
        [project.id, ids.workspace, project.name, project.description, project.status, userId, projects.length - index],
      );
      inserted += result.rowCount ?? 0;
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
