import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { AppError } from '../kernel/errors.ts';
import { parsePublicId } from '../kernel/ids.ts';

export interface WorkspaceRef {
  id: string | null;
  slug: string | null;
}

export const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

export function parseWorkspaceRef(text: string): WorkspaceRef | null {
  if (text.startsWith('ws_')) {
    const id = parsePublicId('workspace', text);
    return id ? { id, slug: null } : null;
  }
  return slugPattern.test(text) ? { id: null, slug: text } : null;
}

/**
 * Names the workspace from `/api/v1/w/:workspace/…` (slug or `ws_` id). Membership and role are
 * checked by the database with the credential; a workspace the caller cannot see is a 404.
 */
export function tenant() {
  return createMiddleware<AppEnv>(async function tenant(c, next) {
    const ref = parseWorkspaceRef(c.req.param('workspace') ?? '');
    if (!ref) throw new AppError('NOT_FOUND', 'Workspace not found');
    if (!c.get('credential')) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    c.set('workspaceRef', ref);
    await next();
  });
}
