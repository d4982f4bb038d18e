import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { AppError } from '../kernel/errors.ts';
import { parsePublicId } from '../kernel/ids.ts';
import { slugPattern } from '../kernel/slug.ts';
import type { WorkspaceAccess } from '../db/tenant.ts';

export interface WorkspaceRef {
  id: string | null;
  slug: string | null;
  /** Read for safe methods, write for the rest; a suspended workspace refuses writes (db/tenant.ts). */
  access?: WorkspaceAccess;
}

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function parseWorkspaceRef(text: string): WorkspaceRef | null {
  if (text.startsWith('ws_')) {
    const id = parsePublicId('workspace', text);
    return id ? { id, slug: null } : null;
  }
  return slugPattern.test(text) ? { id: null, slug: text } : null;
}

/**
 * Names the workspace from `/api/v1/w/:workspace/…` (slug or `ws_` id). Membership and role are
 * checked by the database with the credential; a workspace the caller cannot see is a 404. The
 * method decides the access the request asks for, so the lifecycle rule (deleted, suspended) holds
 * for every tenant route without a handler having to remember it.
 */
export function tenant() {
  return createMiddleware<AppEnv>(async function tenant(c, next) {
    const ref = parseWorkspaceRef(c.req.param('workspace') ?? '');
    if (!ref) throw new AppError('NOT_FOUND', 'Workspace not found');
    if (!c.get('credential')) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    c.set('workspaceRef', { ...ref, access: readMethods.has(c.req.method) ? 'read' : 'write' });
    await next();
  });
}
