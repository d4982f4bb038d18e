import { z } from '@hono/zod-openapi';

export const createApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(['admin', 'member', 'viewer']).default('member'),
  })
  .strict()
  .openapi('CreateApiKeyRequest');

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    /** The key's own role; it acts with at most its maker's current role. */
    role: z.enum(['admin', 'member', 'viewer']),
    /** The person the key acts for. `is_member` false: they left the workspace and the key has stopped working. */
    made_by: z.object({ id: z.string(), name: z.string().nullable(), is_member: z.boolean() }),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .openapi('ApiKey');

export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() }).openapi('CreatedApiKey');
export const apiKeyList = z.object({ items: z.array(apiKeySchema) });
export const apiKeyParams = z.object({ workspace: z.string(), id: z.string() });
export const workspaceParams = z.object({ workspace: z.string() });
