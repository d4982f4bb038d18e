import { z } from '@hono/zod-openapi';
import { pageOf } from '../router.ts';

export const sessionSchema = z
  .object({
    id: z
      .string()
      .openapi({ description: '`ses_…` for a browser session, `tfm_…` for an app sign-in', example: 'ses_0k3w7c1r2d9m5x8b4n6q0t2y1' }),
    kind: z
      .enum(['browser', 'app'])
      .openapi({ description: '`browser`: a cookie session; `app`: a CLI or app signed in through POST /auth/token' }),
    device: z.string().openapi({ description: 'Browser and operating system read from the user agent', example: 'Chrome on macOS' }),
    client: z
      .string()
      .nullable()
      .openapi({ description: 'The `client_id` an app named at sign-in (not verified); null for browsers', example: 'acme-cli' }),
    ip: z.string().nullable(),
    created_at: z.string(),
    last_seen_at: z.string().openapi({ description: 'Last request (browser) or last refresh (app)' }),
    current: z.boolean().openapi({ description: 'The session this request was made with' }),
  })
  .openapi('Session');

export const sessionPage = pageOf(sessionSchema, 'SessionPage');
export const sessionParams = z.object({ id: z.string() });
export const revokedOthersResponse = z
  .object({ revoked: z.number().int().nonnegative().openapi({ description: 'Sessions and app sign-ins ended' }) })
  .openapi('RevokedSessions');
