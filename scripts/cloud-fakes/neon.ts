/**
 * A local stand-in for the parts of Neon's API v2 (https://console.neon.tech/api/v2) that
 * `npm run setup` and the preview workflow use, in the documented shapes: projects (list, create),
 * branches (list, create from a parent, delete), a branch's databases and the connection URI.
 */
import { randomBytes } from 'node:crypto';
import { type FakeServer, type Reply, serve } from '../identity-fakes/http.ts';

interface Branch {
  id: string;
  name: string;
  parent_id?: string;
  default: boolean;
}
interface Project {
  id: string;
  name: string;
  branches: Branch[];
}

const id = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;
const database = { name: 'neondb', owner_name: 'neondb_owner' };

export async function startNeonStandIn(options: { port: number; apiKey: string }) {
  const projects: Project[] = [];
  const calls: string[] = [];
  const connectionUri = (branch: Branch, pooled: boolean) =>
    `postgresql://neondb_owner:pw-${branch.id}@ep-${branch.id}${pooled ? '-pooler' : ''}.neon.local/neondb?sslmode=require`;
  const server: FakeServer = await serve(options.port, '127.0.0.1', (request): Reply => {
    const path = request.url.pathname;
    calls.push(`${request.method} ${path}`);
    if (request.headers.authorization !== `Bearer ${options.apiKey}`)
      return { status: 401, body: { code: '', message: 'authentication required' } };
    const body = (request.json ?? {}) as { project?: { name?: string }; branch?: { name?: string; parent_id?: string } };
    if (path === '/api/v2/projects' && request.method === 'GET') {
      return { status: 200, body: { projects: projects.map(({ id, name }) => ({ id, name })), pagination: { cursor: '' } } };
    }
    if (path === '/api/v2/projects' && request.method === 'POST') {
      const main: Branch = { id: id('br'), name: 'main', default: true };
      const project: Project = { id: id('proj'), name: body.project?.name ?? 'project', branches: [main] };
      projects.push(project);
      return {
        status: 201,
        body: {
          project: { id: project.id, name: project.name },
          branch: main,
          databases: [{ ...database, branch_id: main.id }],
          roles: [{ name: database.owner_name, branch_id: main.id }],
          connection_uris: [{ connection_uri: connectionUri(main, false) }],
          endpoints: [],
          operations: [],
        },
      };
    }
    const match = path.match(/^\/api\/v2\/projects\/([^/]+)(\/.*)?$/);
    const project = projects.find((p) => p.id === match?.[1]);
    if (!project) return { status: 404, body: { code: '', message: 'project not found' } };
    const rest = match?.[2] ?? '';
    if (rest === '/branches' && request.method === 'GET') return { status: 200, body: { branches: project.branches } };
    if (rest === '/branches' && request.method === 'POST') {
      const name = body.branch?.name ?? id('branch');
      if (project.branches.some((b) => b.name === name))
        return { status: 409, body: { code: '', message: 'branch with that name already exists' } };
      const parent = project.branches.find((b) => b.id === body.branch?.parent_id) ?? project.branches.find((b) => b.default);
      const branch: Branch = { id: id('br'), name, parent_id: parent?.id, default: false };
      project.branches.push(branch);
      return { status: 201, body: { branch, endpoints: [{ id: id('ep'), type: 'read_write' }], operations: [], databases: [], roles: [] } };
    }
    const branchPath = rest.match(/^\/branches\/([^/]+)(\/databases)?$/);
    if (branchPath) {
      const branch = project.branches.find((b) => b.id === branchPath[1]);
      if (!branch) return { status: 404, body: { code: '', message: 'branch not found' } };
      if (branchPath[2] && request.method === 'GET') return { status: 200, body: { databases: [{ ...database, branch_id: branch.id }] } };
      if (!branchPath[2] && request.method === 'DELETE') {
        if (branch.default) return { status: 400, body: { code: '', message: 'cannot delete the default branch' } };
        project.branches = project.branches.filter((b) => b !== branch);
        return { status: 200, body: { branch, operations: [] } };
      }
    }
    if (rest === '/connection_uri' && request.method === 'GET') {
      const q = request.url.searchParams;
      const branch = project.branches.find((b) => b.id === q.get('branch_id')) ?? project.branches.find((b) => b.default);
      if (!branch || q.get('database_name') !== database.name || q.get('role_name') !== database.owner_name) {
        return { status: 404, body: { code: '', message: 'database or role not found' } };
      }
      return { status: 200, body: { uri: connectionUri(branch, q.get('pooled') === 'true') } };
    }
    return { status: 404, body: { code: '', message: `no route for ${request.method} ${path}` } };
  });
  return { ...server, apiUrl: `${server.url}/api/v2`, projects, calls };
}
