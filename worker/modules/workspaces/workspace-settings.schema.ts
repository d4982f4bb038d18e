import { z } from '@hono/zod-openapi';
import { workspaceChangesInput } from './workspaces.input.ts';

export const workspaceParams = z.object({
  workspace: z.string().openapi({ param: { name: 'workspace', in: 'path' }, description: 'Slug (current or former) or ws_ id' }),
});

export const workspaceSettingsSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    /** The logo: a clean image file of the workspace (`fil_…`), or null for its initial. */
    logo_file_id: z.string().nullable(),
    role: z.enum(['owner', 'admin', 'member', 'viewer']),
    suspended_at: z.string().nullable(),
    deleted_at: z.string().nullable(),
    /** When a deleted workspace is removed for good; null while it is not deleted. */
    purge_after: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('WorkspaceSettings');

export const updateWorkspaceBody = workspaceChangesInput
  .safeExtend({
    logo_file_id: workspaceChangesInput.shape.logo_file_id.openapi({
      description: 'A clean PNG, JPEG, GIF, WebP or AVIF file of this workspace (`fil_…`) as the logo, or null for none.',
    }),
  })
  .openapi('UpdateWorkspaceRequest');

export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceBody>;
