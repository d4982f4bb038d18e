import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { requireMailer } from '../../kernel/mailer.ts';
import type { IdentityMail } from './identity-mail.ts';

/**
 * The request's mailer, origin and limiter for the identity flows, with `later` bound to the
 * request's `waitUntil`. A failed task is logged by message only: nothing of a token or address.
 */
export function identityMailOf(c: Context<AppEnv>): IdentityMail {
  const services = c.get('services');
  const logger = c.get('logger');
  return {
    mailer: requireMailer(services.mailer),
    appOrigin: c.get('config').APP_ORIGIN,
    rateLimiter: services.rateLimiter,
    later: (task) =>
      c.executionCtx.waitUntil(
        task().catch((error: unknown) => {
          logger.error('identity mail task failed', { error: error instanceof Error ? error.name : 'unknown' });
        }),
      ),
  };
}
