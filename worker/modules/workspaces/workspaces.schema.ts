import { z } from '@hono/zod-openapi';
import { slugPattern } from '../../middleware/principal.ts';

export const createWorkspaceBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    slug: z.string().regex(slugPattern, 'lowercase letters, digits and dashes, 1 to 48 characters').optional(),
  })
  .strict()
  .openapi('CreateWorkspaceRequest', { example: { name: 'Acme', slug: 'acme' } });

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
