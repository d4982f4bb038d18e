import { z } from '@hono/zod-openapi';
import { tokenScopes } from '../../kernel/actor.ts';
import { patInput } from './personal-access-tokens.input.ts';
import { pageOf } from '../router.ts';

export const createPatBody = patInput.openapi('CreatePersonalAccessTokenRequest');

export const patSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(tokenScopes)),
    created_at: z.string(),
    expires_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .openapi('PersonalAccessToken');

export const createdPatSchema = patSchema.extend({ token: z.string() }).openapi('CreatedPersonalAccessToken');
export const patPage = pageOf(patSchema, 'PersonalAccessTokenPage');
export const patParams = z.object({ id: z.string() });
