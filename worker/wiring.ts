import { DevInboxMailer, DevWebhookInbox } from './adapters/mail/dev-inbox.ts';
import { PostmarkMailer } from './adapters/mail/postmark.ts';
import { ResendMailer } from './adapters/mail/resend.ts';
import { DurableObjectRateLimiter } from './adapters/ratelimit/durable-object.ts';
import { UpstashRateLimiter } from './adapters/ratelimit/upstash.ts';
import { QueueMeter } from './adapters/meter/queue.ts';
import { UpstashMeter } from './adapters/meter/upstash.ts';
import type { Meter } from './kernel/meter.ts';
import { jobMessage, sendMessages } from '../queues/enqueue.ts';
import { countUsage } from './modules/billing/usage.jobs.ts';
import { ClamAvHttpScanner } from './adapters/scanner/clamav-http.ts';
import { EicarScanner } from './adapters/scanner/eicar.ts';
import { R2Storage } from './adapters/storage/r2.ts';
import { R2Presigner } from './adapters/storage/r2-presigner.ts';
import type { QueryBuilder, Statement } from './db/client.ts';
import { DohAddressResolver, DohTxtResolver } from './adapters/dns/doh.ts';
import { StripePaymentProvider } from './adapters/payments/stripe.ts';
import type { PaymentProvider } from './kernel/payment-provider.ts';
import { GitHubProvider } from './adapters/identity/github.ts';
import { googleProvider } from './adapters/identity/google.ts';
import { discoverOidc, OidcClient } from './adapters/identity/oidc.ts';
import type { OAuthProviders, OidcProviderFactory } from './kernel/identity-provider.ts';
import type { Bindings, Services } from './env.ts';
import type { Bus } from './kernel/bus.ts';
import { type Config, devInboxAllowed } from './kernel/config.ts';
import { AppError } from './kernel/errors.ts';
import type { RateLimiter } from './kernel/rate-limit.ts';
import type { Scanner } from './kernel/scanner.ts';
import type { ObjectUrls, Storage } from './kernel/storage.ts';
import { eventRoute, listeners, publishedEvents } from './modules/assembly.ts';
import { type EventRoute, OutboxBus, PendingEvents } from './modules/events/outbox.ts';
import { relayEvents } from './modules/events/outbox-relay.ts';
import { MailOutbox } from './modules/mail/outbound-mail.ts';
import type { HubNamespace } from './modules/realtime/realtime.hub.ts';
import { pushToPerson } from './modules/realtime/realtime.push.ts';
import type { RealtimePush } from './kernel/realtime.ts';
import { PendingHubNotices, realtimeConsumerName, tellHubs } from './modules/realtime/realtime.notices.ts';
import { Database } from './db/gateway.ts';
import type { Logger } from './middleware/logger.ts';

function rateLimiterFor(env: Bindings, config: Config): RateLimiter {
  if (config.RATE_LIMIT_BACKEND === 'upstash') {
    if (!config.UPSTASH_REDIS_REST_URL || !config.UPSTASH_REDIS_REST_TOKEN) {
      throw new AppError('BAD_ENVIRONMENT', 'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are required');
    }
    return new UpstashRateLimiter({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN });
  }
  return new DurableObjectRateLimiter(env.RATE_LIMITER);
}

function storageFor(env: Bindings): Storage | undefined {
  const bucket = env.FILES as R2Bucket | undefined;
  return bucket ? new R2Storage(bucket) : undefined;
}

/**
 * Presigned URLs for the `FILES` bucket through R2's S3 API, when an S3 key pair is configured. The
 * endpoint is R2's for the account unless `R2_S3_ENDPOINT` names another (the local one in development).
 */
function objectUrlsFor(config: Config): ObjectUrls | undefined {
  const { R2_ACCESS_KEY_ID: accessKeyId, R2_SECRET_ACCESS_KEY: secretAccessKey, R2_ACCOUNT_ID: account } = config;
  const endpoint = config.R2_S3_ENDPOINT ?? (account ? `https://${account}.r2.cloudflarestorage.com` : undefined);
  if (!accessKeyId || !secretAccessKey || !endpoint) return undefined;
  return new R2Presigner({ accessKeyId, secretAccessKey, bucket: config.R2_BUCKET, endpoint });
}

/** The scanner `SCANNER` names; in development and tests the EICAR detector unless another is named. */
export function scannerFor(config: Config): Scanner | undefined {
  const kind = config.SCANNER ?? (devInboxAllowed(config.APP_ENV) ? 'eicar' : undefined);
  if (kind === 'eicar') return new EicarScanner();
  if (kind === 'clamav-http' && config.SCANNER_URL) return new ClamAvHttpScanner({ url: config.SCANNER_URL, token: config.SCANNER_TOKEN });
  return undefined;
}

/**
 * The mailer `MAIL_PROVIDER` names (config has already required its secret), and the dev inbox's
 * reader when mail goes there. The dev inbox is refused outside development and tests, whatever
 * the configuration says.
 */
function mailFor(env: Bindings, config: Config): Pick<Services, 'mailer' | 'devInbox'> {
  const from = config.MAIL_FROM;
  switch (config.MAIL_PROVIDER) {
    case 'resend': {
      if (!config.RESEND_API_KEY) throw new AppError('BAD_ENVIRONMENT', 'RESEND_API_KEY is required when MAIL_PROVIDER=resend');
      return { mailer: new ResendMailer({ apiKey: config.RESEND_API_KEY, from, baseUrl: config.RESEND_API_URL }) };
    }
    case 'postmark': {
      if (!config.POSTMARK_SERVER_TOKEN) {
        throw new AppError('BAD_ENVIRONMENT', 'POSTMARK_SERVER_TOKEN is required when MAIL_PROVIDER=postmark');
      }
      return { mailer: new PostmarkMailer({ serverToken: config.POSTMARK_SERVER_TOKEN, from, baseUrl: config.POSTMARK_API_URL }) };
    }
    case 'dev-inbox': {
      const namespace = env.DEV_INBOX as Env['DEV_INBOX'] | undefined;
      if (!devInboxAllowed(config.APP_ENV) || !namespace) {
        throw new AppError('BAD_ENVIRONMENT', `The dev inbox is not available in ${config.APP_ENV}; set MAIL_PROVIDER`);
      }
      const inbox = new DevInboxMailer(namespace, from);
      return { mailer: inbox, devInbox: inbox };
    }
  }
}

/** The development webhook inbox: where the dev inbox is allowed and bound, and nowhere else. */
function devWebhookInboxFor(env: Bindings, config: Config): DevWebhookInbox | undefined {
  const namespace = env.DEV_INBOX as Env['DEV_INBOX'] | undefined;
  return devInboxAllowed(config.APP_ENV) && namespace ? new DevWebhookInbox(namespace) : undefined;
}

/**
 * Who hears which domain event, from the listening modules' manifests. Listeners add to the
 * publisher's transaction (docs/decisions/023-domain-events.md).
 */
let busParts:
  | { listeners: ReturnType<typeof listeners>; published: ReturnType<typeof publishedEvents>; routeOf: (type: string) => EventRoute }
  | undefined;

/** The bus of one request (`pending` collects its published events for the relay), or of a job. */
export function domainBus(pending: PendingEvents | null = null): Bus<QueryBuilder, Statement> {
  if (!busParts) {
    const routes = new Map<string, EventRoute>();
    const routeOf = (type: string): EventRoute => {
      const known = routes.get(type);
      if (known) return known;
      const route = eventRoute(type);
      routes.set(type, route);
      return route;
    };
    busParts = { listeners: listeners(), published: publishedEvents(), routeOf };
  }
  return new OutboxBus(busParts.listeners, busParts.published, pending, busParts.routeOf);
}
/** Google and GitHub, each when its client id and secret are configured; callbacks on APP_ORIGIN. */
function oauthProvidersFor(config: Config): OAuthProviders {
  const callback = (name: string) => new URL(`/api/v1/auth/oauth/${name}/callback`, config.APP_ORIGIN).toString();
  const providers: OAuthProviders = {};
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
    providers.google = googleProvider({
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
      redirectUri: callback('google'),
      baseUrl: config.GOOGLE_OAUTH_URL,
    });
  }
  if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) {
    providers.github = new GitHubProvider({
      clientId: config.GITHUB_CLIENT_ID,
      clientSecret: config.GITHUB_CLIENT_SECRET,
      redirectUri: callback('github'),
      webUrl: config.GITHUB_OAUTH_URL,
      apiUrl: config.GITHUB_API_URL,
    });
  }
  return providers;
}

/** A workspace's IdP: discovery first, then an OpenID Connect client for what it published. */
const openIdConnect: OidcProviderFactory = async (settings) =>
  new OidcClient({
    metadata: await discoverOidc(settings.issuer),
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: settings.redirectUri,
    // The workspace verified the email domains this IdP may sign in for (see the SSO decision record).
    trustEmailWithoutVerifiedClaim: true,
  });

/** Stripe when both its secret key and a webhook signing secret are set. */
function paymentsFor(config: Config): PaymentProvider | undefined {
  if (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET) return undefined;
  return new StripePaymentProvider({
    secretKey: config.STRIPE_SECRET_KEY,
    webhookSecrets: [config.STRIPE_WEBHOOK_SECRET, config.STRIPE_WEBHOOK_SECRET_PREVIOUS].filter((s): s is string => Boolean(s)),
    apiUrl: config.STRIPE_API_URL,
  });
}

/**
 * The meter (docs/decisions/057-metering.md): Redis counters when Upstash is configured (the rate
 * limiter's own settings); otherwise increments go out through the jobs queue, a second's worth per message, written behind.
 */
function meterFor(env: Bindings, config: Config): Meter | undefined {
  if (config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN) {
    return new UpstashMeter({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN });
  }
  const queue = env.JOBS;
  if (!queue) return undefined;
  return new QueueMeter((usage) =>
    sendMessages(
      queue,
      usage.map((count) => jobMessage(countUsage, count)),
    ),
  );
}

const wired = new WeakMap<object, Services>();

/**
 * A person's new notification offered to their open sockets in the workspace, through its hub, as
 * `notification.created` with the row's public id: the web app refetches its inbox.
 */
function livePushFor(env: Bindings): RealtimePush | undefined {
  const hubs = env.WORKSPACE_HUB as HubNamespace | undefined;
  if (!hubs) return undefined;
  return {
    pushTo: async (personId, workspaceId, { kind, id }) =>
      (await pushToPerson(hubs, workspaceId, personId, { kind: `${kind}.created`, ids: { [kind]: id }, version: 1 })) > 0,
  };
}

/**
 * The composition root: the only place that names providers (rate-limit backend, object storage,
 * mail). Services hold no I/O objects (each call makes its own), so they are built once per isolate
 * and environment, and no I/O happens here; the queue meter's counts outlive a request on purpose.
 */
export function wire(env: Bindings, config: Config): Services {
  let services = wired.get(env);
  if (!services) {
    services = {
      rateLimiter: rateLimiterFor(env, config),
      meter: meterFor(env, config),
      storage: storageFor(env),
      objectUrls: objectUrlsFor(config),
      scanner: scannerFor(config),
      ...mailFor(env, config),
      oauthProviders: oauthProvidersFor(config),
      openIdConnect,
      txtResolver: new DohTxtResolver(config.DNS_RESOLVER_URL),
      addressResolver: new DohAddressResolver(config.DNS_RESOLVER_URL),
      devWebhookInbox: devWebhookInboxFor(env, config),
      payments: paymentsFor(config),
      livePush: livePushFor(env),
      bus: domainBus(),
    };
    wired.set(env, services);
  }
  return services;
}

/**
 * One request's services: the isolate's, with a bus of its own that collects the events the request
 * publishes, and the relay that sends them after the response (docs/decisions/039-transactional-outbox.md).
 */
export function requestServices(env: Bindings, config: Config): Services {
  const published = new PendingEvents();
  const mail = new MailOutbox(config.APP_SECRET);
  // A revocation is told to a hub only where someone may be connected: the workspace holds the
  // realtime consumer's interest, or the request never learned its interest.
  const hubNotices = new PendingHubNotices((workspaceId) => published.mayWant(workspaceId, [realtimeConsumerName]));
  return {
    ...wire(env, config),
    bus: domainBus(published),
    mail,
    realtime: hubNotices,
    scopeResolved: (scope) => published.learn(scope.workspace),
    afterResponse: (ctx, logger) => {
      if (published.events.length > 0) ctx.waitUntil(relayAfterResponse(env, published, logger));
      if (mail.pending > 0) ctx.waitUntil(relayMailAfterResponse(env, mail, logger));
      if (!hubNotices.empty) ctx.waitUntil(tellHubsAfterResponse(env, config, hubNotices, logger));
    },
  };
}

/**
 * One queue batch's services: the isolate's, with a mail outbox the consumer relays after each job
 * (docs/decisions/055-mail-through-the-outbox.md) and realtime notices of its own, so that the change
 * messages its events' consumer collects reach each workspace's hub in one call once the batch is
 * done (docs/decisions/049-workspace-realtime-hub.md).
 */
export function batchServices(env: Bindings, config: Config): Services {
  const hubNotices = new PendingHubNotices(() => true);
  return {
    ...wire(env, config),
    mail: new MailOutbox(config.APP_SECRET),
    realtime: hubNotices,
    afterResponse: (ctx, logger) => {
      if (!hubNotices.empty) ctx.waitUntil(tellHubsAfterResponse(env, config, hubNotices, logger));
    },
  };
}

/** Mail written by the request: queued after the response; a failure leaves the rows to the mail sweep. */
async function relayMailAfterResponse(env: Bindings, mail: MailOutbox, logger: Logger): Promise<void> {
  await mail.relay(env.JOBS, (error) =>
    logger.error('mail relay failed; the sweep will send the mail', { error: error instanceof Error ? error.message : String(error) }),
  );
}

/**
 * The workspace hubs hear of a request's revocations, or of a queue batch's change messages, once the
 * work committed (docs/decisions/049-workspace-realtime-hub.md): one hub call per workspace.
 */
async function tellHubsAfterResponse(env: Bindings, config: Config, notices: PendingHubNotices, logger: Logger) {
  const hubs = env.WORKSPACE_HUB as HubNamespace | undefined;
  if (!hubs) return;
  try {
    await tellHubs(hubs, new Database(config), notices);
  } catch (error) {
    logger.error('realtime hubs not told', { error: error instanceof Error ? error.message : String(error) });
  }
}

/** A relay that fails leaves its events to the sweep; the request has already been answered. */
async function relayAfterResponse(env: Bindings, published: PendingEvents, logger: Logger): Promise<void> {
  try {
    await relayEvents(env.JOBS, published.events);
  } catch (error) {
    logger.error('outbox relay failed; the sweep will send the events', { error: error instanceof Error ? error.message : String(error) });
  }
}
