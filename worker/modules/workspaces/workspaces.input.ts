import { z } from 'zod';
import { slugPattern } from '../../kernel/slug.ts';

/**
 * The workspace bodies in plain zod: the routes add their OpenAPI metadata (workspaces.schema.ts,
 * workspace-settings.schema.ts) and the web app's workspace forms validate with these same schemas.
 */
const workspaceName = z.string().trim().min(1).max(100);
const workspaceSlug = z.string().regex(slugPattern, 'lowercase letters, digits and dashes, 1 to 48 characters');

export const createWorkspaceInput = z.object({ name: workspaceName, slug: workspaceSlug.optional() }).strict();

export const workspaceChangesInput = z
  .object({ name: workspaceName.optional(), slug: workspaceSlug.optional(), logo_file_id: z.string().max(64).nullable().optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field');
