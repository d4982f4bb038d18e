import { z } from '@hono/zod-openapi';

export const sessionSchema = z
  .object({
    id: z.string().openapi({ example: 'ses_0k3w7c1r2d9m5x8b4n6q0t2y1' }),
    device: z.string().openapi({ description: 'Browser and operating system read from the user agent', example: 'Chrome on macOS' }),
    ip: z.string().nullable(),
    created_at: z.string(),
    last_seen_at: z.string(),
    current: z.boolean().openapi({ description: 'The session this request was made with' }),
  })
  .openapi('Session');

export const sessionList = z.object({ items: z.array(sessionSchema) }).openapi('SessionList');
export const sessionParams = z.object({ id: z.string() });
export const revokedOthersResponse = z.object({ revoked: z.number().int().nonnegative() }).openapi('RevokedSessions');
