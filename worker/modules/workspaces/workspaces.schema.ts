import { z } from '@hono/zod-openapi';
import { createWorkspaceInput } from './workspaces.input.ts';

export const createWorkspaceBody = createWorkspaceInput.openapi('CreateWorkspaceRequest', { example: { name: 'Acme', slug: 'acme' } });

export const workspaceSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    role: z.enum(['owner', 'admin', 'member', 'viewer']),
    created_at: z.string(),
  })
  .openapi('Workspace', {
    example: { id: 'ws_03hd5bdjff72v8ayvdirxswbq', slug: 'acme', name: 'Acme', role: 'owner', created_at: '2026-12-06T01:44:08.287Z' },
  });

export const workspaceList = z.object({ items: z.array(workspaceSchema) });
