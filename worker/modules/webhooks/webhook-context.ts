import type { Services } from '../../env.ts';
import type { Config } from '../../kernel/config.ts';
import { AppError } from '../../kernel/errors.ts';
import type { UrlPolicy } from './ssrf-guard.ts';

/** What webhook work needs from the environment: the key that seals secrets and the URL policy. */
export interface WebhookContext {
  readonly appSecret: string;
  readonly urlPolicy: UrlPolicy;
}

/** Seals endpoint secrets under APP_SECRET for this purpose only. */
export const SECRET_PURPOSE = 'webhook-endpoint-secret';

export function webhookContext(config: Config | undefined, services: Services | undefined): WebhookContext {
  const resolver = services?.addressResolver;
  if (!config || !resolver) throw new AppError('BAD_ENVIRONMENT', 'Webhooks need the configuration and a DNS resolver');
  return {
    appSecret: config.APP_SECRET,
    urlPolicy: { appEnv: config.APP_ENV, exemptOrigins: config.WEBHOOK_EXEMPT_ORIGINS, resolver },
  };
}
