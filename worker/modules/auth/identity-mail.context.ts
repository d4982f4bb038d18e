import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { requireMailOutbox } from '../mail/outbound-mail.ts';
import type { IdentityMail } from './identity-mail.ts';

/**
 * The request's mail outbox and limiter for the identity flows, with `later` bound to the request's
 * `waitUntil`; after its task, `later` relays the mail the task wrote (what the request wrote itself
 * is relayed after the response). A failed task is logged by message only: nothing of a token or address.
 */
export function identityMailOf(c: Context<AppEnv>): IdentityMail {
  const services = c.get('services');
  const logger = c.get('logger');
  const outbox = requireMailOutbox(services.mail);
  const report = (error: unknown) => {
    logger.error('identity mail task failed', { error: error instanceof Error ? error.name : 'unknown' });
  };
  return {
    outbox,
    rateLimiter: services.rateLimiter,
    later: (task) =>
      c.executionCtx.waitUntil(
        task()
          .catch(report)
          .then(() => outbox.relay(c.env.JOBS, report)),
      ),
  };
}
