/**
 * The few Neon API v2 calls setup and the preview workflow make (https://api-docs.neon.tech):
 * find or create the project, find, create or delete a branch, and a branch's connection URI.
 */
export interface NeonAccount {
  apiUrl: string;
  apiKey: string;
}

export const defaultNeonApiUrl = 'https://console.neon.tech/api/v2';

export interface NeonBranch {
  id: string;
  name: string;
  default: boolean;
}

async function call<T>(neon: NeonAccount, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${neon.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${neon.apiKey}`,
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : null,
  });
  const json = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!response.ok || !json) throw new Error(`Neon ${method} ${path}: ${json?.message ?? `HTTP ${response.status}`}`);
  return json;
}

export async function findProject(neon: NeonAccount, name: string): Promise<string | null> {
  const { projects } = await call<{ projects: { id: string; name: string }[] }>(
    neon,
    'GET',
    `/projects?search=${encodeURIComponent(name)}`,
  );
  return projects.find((p) => p.name === name)?.id ?? null;
}

export async function createProject(neon: NeonAccount, name: string): Promise<string> {
  return (await call<{ project: { id: string } }>(neon, 'POST', '/projects', { project: { name } })).project.id;
}

export const listBranches = async (neon: NeonAccount, project: string) =>
  (await call<{ branches: NeonBranch[] }>(neon, 'GET', `/projects/${project}/branches`)).branches;

/** A branch of the default branch's data as of now, with its own read-write compute. */
export async function createBranch(neon: NeonAccount, project: string, name: string, parentId: string): Promise<NeonBranch> {
  const body = { branch: { name, parent_id: parentId }, endpoints: [{ type: 'read_write' }] };
  return (await call<{ branch: NeonBranch }>(neon, 'POST', `/projects/${project}/branches`, body)).branch;
}

export const deleteBranch = (neon: NeonAccount, project: string, branchId: string) =>
  call(neon, 'DELETE', `/projects/${project}/branches/${branchId}`);

/** The pooled connection string of the branch's first database, as its owner role. */
export async function connectionUri(neon: NeonAccount, project: string, branchId: string): Promise<string> {
  const { databases } = await call<{ databases: { name: string; owner_name: string }[] }>(
    neon,
    'GET',
    `/projects/${project}/branches/${branchId}/databases`,
  );
  const [database] = databases;
  if (!database) throw new Error(`Neon branch ${branchId} has no database`);
  const query = new URLSearchParams({ branch_id: branchId, database_name: database.name, role_name: database.owner_name, pooled: 'true' });
  return (await call<{ uri: string }>(neon, 'GET', `/projects/${project}/connection_uri?${query}`)).uri;
}

/** Finds the branch by name or creates it from the default branch: safe to call again. */
export async function ensureBranch(neon: NeonAccount, project: string, name: string): Promise<{ branch: NeonBranch; created: boolean }> {
  const branches = await listBranches(neon, project);
  const existing = branches.find((b) => b.name === name);
  if (existing) return { branch: existing, created: false };
  const parent = branches.find((b) => b.default);
  if (!parent) throw new Error('The Neon project has no default branch');
  return { branch: await createBranch(neon, project, name, parent.id), created: true };
}
