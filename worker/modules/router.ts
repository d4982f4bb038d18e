import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { AppError, errorStatus } from '../kernel/errors.ts';
import { fieldErrors } from '../middleware/recovery.ts';

/** Every module's router: validation failures become the one error envelope. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const fields = fieldErrors(result.error);
        const unknownQuery = result.target === 'query' && result.error.issues.some((i) => i.code === 'unrecognized_keys');
        throw unknownQuery
          ? new AppError('UNKNOWN_QUERY_PARAMETER', 'Unknown query parameter', { fields })
          : new AppError('VALIDATION_FAILED', 'The request is invalid', { fields });
      }
    },
  });
}

/** Routes without query parameters still refuse unknown ones. */
export const noQuery = z.object({}).strict();

/** The query of a cursor-paginated list: the page size and the opaque cursor of the page before. */
export const pageQueryFields = {
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Items per page (1–100)' }),
  cursor: z.string().max(512).optional().openapi({ description: 'The `next_cursor` of the previous page' }),
};

export const pageQuery = z.object(pageQueryFields).strict();
export type PageQuery = z.infer<typeof pageQuery>;

/** A page of a list: its items, and the cursor of the next page (null on the last). */
export const pageOf = <Item extends z.ZodTypeAny>(item: Item, name: string) =>
  z
    .object({
      items: z.array(item),
      next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
      has_more: z.boolean(),
    })
    .openapi(name);

/** The one error envelope every failure answers with (worker/kernel/errors.ts). */
export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]]),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional().openapi({ description: 'Messages per invalid field' }),
      upgrade: z
        .object({
          reason: z.enum(['trial_ended', 'feature', 'limit']),
          plan: z.string().optional(),
          feature: z.string().optional(),
          limit: z.string().optional(),
        })
        .optional()
        .openapi({ description: 'On TRIAL_ENDED, PLAN_REQUIRED and LIMIT_REACHED: what to upgrade to' }),
      request_id: z.string(),
    }),
  })
  .openapi('Error', {
    example: {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The request is invalid',
        fields: { name: ['Too small: expected string to have >=1 characters'] },
        request_id: 'req_01JD3Z6Q4X2M8V7N5K9B0C1D2E',
      },
    },
  });

const errorContent = (description: string) => ({ content: { 'application/json': { schema: errorEnvelope } }, description });

export const errorResponses = {
  400: errorContent('Invalid request'),
  401: errorContent('Not signed in'),
  403: errorContent('Not allowed'),
  404: errorContent('Not found'),
  429: errorContent('Rate limited'),
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBodyOf = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** Request facts every audit entry carries. */
export function auditContext(c: Context<AppEnv>) {
  return {
    ip: c.get('clientIp'),
    userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null,
    requestId: c.get('requestId'),
  };
}
