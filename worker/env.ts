import type { Database, QueryBuilder, Statement } from './db/client.ts';
import type { Scope } from './db/tenant.ts';
import type { UnitOfWork } from './db/tenant-gateway.ts';
import type { Actor } from './kernel/actor.ts';
import type { Bus } from './kernel/bus.ts';
import type { Config } from './kernel/config.ts';
import type { AddressResolver, TxtResolver } from './kernel/dns.ts';
import type { OAuthProviders, OidcProviderFactory } from './kernel/identity-provider.ts';
import type { MailInbox, Mailer } from './kernel/mailer.ts';
import type { Meter } from './kernel/meter.ts';
import type { PaymentProvider } from './kernel/payment-provider.ts';
import type { RateLimiter } from './kernel/rate-limit.ts';
import type { RealtimeNotices, RealtimePush } from './kernel/realtime.ts';
import type { Scanner } from './kernel/scanner.ts';
import type { ObjectUrls, Storage } from './kernel/storage.ts';
import type { WebhookInbox } from './kernel/webhook-inbox.ts';
import type { Logger } from './middleware/logger.ts';
import type { MailOutbox } from './modules/mail/outbound-mail.ts';
import type { Trace } from './middleware/tracing.ts';
import type { Credential } from './middleware/auth.ts';
import type { WorkspaceRef } from './middleware/tenant.ts';

export type Bindings = Env & Record<string, unknown>;

/** Services the composition root (`wiring.ts`) builds once per request. */
export interface Services {
  rateLimiter: RateLimiter;
  /** Metered usage (API requests made with API keys): Redis counters, or the jobs queue without Redis. */
  meter?: Meter | undefined;
  /**
   * Object storage (R2 bucket `FILES`). Absent when the deployment has no `FILES` binding; what needs
   * it asks through `requireStorage`, which answers 503.
   */
  storage?: Storage | undefined;
  /** Presigned upload and download URLs for the `FILES` bucket (R2's S3 API); absent without an S3 key pair. */
  objectUrls?: ObjectUrls | undefined;
  /** Malware scanning of uploads (`SCANNER`); absent when none is configured. */
  scanner?: Scanner | undefined;
  /**
   * Outgoing mail, by `MAIL_PROVIDER`: the dev inbox, Resend or Postmark. `wiring.ts` always sets
   * it; it is optional only so a test can build services by hand. Reach it through `requireMailer`.
   */
  mailer?: Mailer | undefined;
  /**
   * The request's mail outbox: every email is written as an intent with the request's own write and
   * sent by the `mail.send` job (docs/decisions/055-mail-through-the-outbox.md). Present in a request's
   * services; a job makes its own (`outboxFor`).
   */
  mail?: MailOutbox | undefined;
  /** What the dev inbox received; only when mail goes there (development and tests). */
  devInbox?: MailInbox | undefined;
  /** What the app sent to webhook endpoints; development and tests only. */
  devWebhookInbox?: WebhookInbox | undefined;
  /** The live push to a person's connections in a workspace, through its hub (absent without one: nothing is pushed). */
  livePush?: RealtimePush | undefined;
  /** Domain events: the statements their listeners add to the publisher's transaction. */
  bus: Bus<QueryBuilder, Statement>;
  /**
   * Told what the request's credential check answered, so that its bus queues an event only where a
   * consumer wants the workspace's events (docs/decisions/054-events-by-workspace-interest.md).
   */
  scopeResolved?: ((scope: Scope) => void) | undefined;
  /**
   * Hands `ctx.waitUntil` the work the request leaves for after its response (the outbox relay sends
   * the events its writes published), if any. Failures are logged, never thrown.
   */
  afterResponse?: ((ctx: Pick<ExecutionContext, 'waitUntil'>, logger: Logger) => void) | undefined;
  /**
   * What the request tells the workspaces' realtime hubs after its response: revocations (a member
   * removed, a key revoked). Present on a request's services; call it once the write has resolved.
   */
  realtime?: RealtimeNotices | undefined;
  /** Sign-in with Google and GitHub: a provider is present only when configured. */
  oauthProviders?: OAuthProviders | undefined;
  /** A client for a workspace's OpenID Connect provider (SSO), after discovery. */
  openIdConnect?: OidcProviderFactory | undefined;
  /** DNS TXT look-ups (SSO domain verification), over DNS-over-HTTPS. */
  txtResolver?: TxtResolver | undefined;
  /** A and AAAA look-ups (webhook URLs must not resolve to private addresses). */
  addressResolver?: AddressResolver | undefined;
  /** Billing's payment provider (Stripe), when its keys are configured. */
  payments?: PaymentProvider | undefined;
}

export interface Variables {
  config: Config;
  services: Services;
  requestId: string;
  logger: Logger;
  trace: Trace;
  clientIp: string;
  /** The presented credential, parsed but not yet checked against the database. */
  credential: Credential | null;
  /** Set once the credential has been resolved (in the same round trip as the first query). */
  actor: Actor | null;
  workspaceRef: WorkspaceRef | null;
  db: Database;
  unitOfWork: UnitOfWork | null;
}

/** The one environment type of the worker, used by the app, every middleware and the tests. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
