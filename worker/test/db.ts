import { neon, Pool } from '@neondatabase/serverless';
import { env } from 'cloudflare:workers';
import { pointDriverAtLocalEndpoint } from '../db/client.ts';
import { setContextText } from '../db/context.ts';

/** Owner-level SQL for test setup and catalog checks, through the same Neon driver as the app. */
export function ownerSql() {
  pointDriverAtLocalEndpoint(env.NEON_LOCAL_PROXY as string);
  return neon(env.DATABASE_URL as string);
}

/**
 * SQL for looking at what a test did, across workspaces. On embedded PGlite the connection user is
 * a superuser anyway; against a real server (CI) this is the server's superuser, because the owner
 * role, like the app, is bound by the forced row-level security of tenant tables.
 */
export function inspectSql() {
  ownerSql();
  const url = (env as unknown as Record<string, string | undefined>).TEST_INSPECT_DATABASE_URL;
  return neon(url ?? (env.DATABASE_URL as string));
}

export function ownerPool() {
  ownerSql();
  const pool = new Pool({ connectionString: env.DATABASE_URL as string, max: 1 });
  pool.on('error', () => {});
  return pool;
}

export const dbServer = () => `http://${env.NEON_LOCAL_PROXY}`;

/**
 * Zeroes the endpoint's counters once the connections of earlier requests are closed: a pool ends
 * after its response (in `waitUntil`), and its last messages must not count for the next request.
 */
export async function resetRoundTrips() {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    const { wsOpen } = (await (await fetch(`${dbServer()}/__stats`)).json()) as { wsOpen: number };
    if (wsOpen === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await fetch(`${dbServer()}/__stats/reset`, { method: 'POST' });
}

export async function roundTrips(): Promise<{ sqlRequests: number; sqlQueries: number; wsConnections: number; wsMessages: number }> {
  return (await fetch(`${dbServer()}/__stats`)).json();
}

/** Adds an existing user to a workspace with a role, as an invite would. Takes row uuids. */
export async function addMember(workspaceId: string, userId: string, role: 'owner' | 'admin' | 'member' | 'viewer') {
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`insert into membership (id, workspace_id, user_id, role) values (gen_random_uuid(), ${workspaceId}, ${userId}, ${role})`,
  ]);
}
