import { z } from '@hono/zod-openapi';
import { __itemVar__ChangesInput, __itemVar__Input } from './__items__.input.ts';

export const __itemVar__Sorts = ['created_at', '-created_at', 'name', '-name'] as const;

export const __itemVar__Schema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('__Item__');

export const create__Item__Body = __itemVar__Input.openapi('Create__Item__Request');

export const update__Item__Body = __itemVar__ChangesInput.openapi('Update__Item__Request');

export const list__Items__Query = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(512).optional(),
    sort: z.enum(__itemVar__Sorts).default('-created_at'),
  })
  .strict();

export const __itemVar__Page = z
  .object({ items: z.array(__itemVar__Schema), next_cursor: z.string().nullable(), has_more: z.boolean() })
  .openapi('__Item__Page');

export const workspaceParams = z.object({ workspace: z.string() });
export const __itemVar__Params = z.object({ workspace: z.string(), id: z.string() });

export type List__Items__Query = z.infer<typeof list__Items__Query>;
export type __Item__Sort = (typeof __itemVar__Sorts)[number];
