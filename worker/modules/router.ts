import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { AppError } from '../kernel/errors.ts';
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

export const errorResponses = {
  400: { description: 'Invalid request (error envelope)' },
  401: { description: 'Not signed in (error envelope)' },
  403: { description: 'Not allowed (error envelope)' },
  404: { description: 'Not found (error envelope)' },
  429: { description: 'Rate limited (error envelope)' },
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
