import { z } from '@hono/zod-openapi';
import { slugPattern } from '../../middleware/principal.ts';

export const createWorkspaceBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    slug: z.string().regex(slugPattern, 'lowercase letters, digits and dashes, 1 to 48 characters').optional(),
  })
  .strict()
  .openapi('CreateWorkspaceRequest');

export const workspaceSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    role: z.enum(['owner', 'admin', 'member', 'viewer']),
    created_at: z.string(),
  })
  .openapi('Workspace');

export const workspaceList = z.object({ items: z.array(workspaceSchema) });
