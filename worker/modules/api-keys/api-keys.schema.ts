import { z } from '@hono/zod-openapi';
import { apiKeyInput } from './api-keys.input.ts';
import { pageOf } from '../router.ts';

export const createApiKeyBody = apiKeyInput.openapi('CreateApiKeyRequest', { example: { name: 'CI deploys', role: 'member' } });

const exampleApiKey = {
  id: 'key_03hd5bdod59kra855f10b0dyi',
  name: 'CI deploys',
  prefix: 'sk_live_2Xq9',
  role: 'member' as const,
  made_by: { id: 'usr_03hd5bdgvivh32iik6j5e4g0z', name: 'Ada Lovelace', is_member: true },
  created_at: '2026-12-06T01:44:09.120Z',
  last_used_at: null,
};

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
  .openapi('ApiKey', { example: exampleApiKey });

export const createdApiKeySchema = apiKeySchema
  .extend({ key: z.string().openapi({ description: 'The secret, shown this once: send it as `Authorization: Bearer <key>`' }) })
  .openapi('CreatedApiKey', { example: { ...exampleApiKey, key: 'sk_live_2Xq9mB4tV7cR1nH8wK3pL6sD0fG5jY2aE9uI4oZ7xNc' } });
export const apiKeyPage = pageOf(apiKeySchema, 'ApiKeyPage');
export const apiKeyParams = z.object({ workspace: z.string(), id: z.string() });
export const workspaceParams = z.object({ workspace: z.string() });
