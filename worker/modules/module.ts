import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Hono, Schema } from 'hono';
import type { JobRequest } from '../../queues/enqueue.ts';
import type { ExpiringExports } from '../../queues/export-purge.ts';
import type { JobDefinition, JobDeps } from '../../queues/jobs.ts';
import type { Database, QueryBuilder, Statement } from '../db/client.ts';
import type { Tx } from '../db/tenant.ts';
import type { AppEnv } from '../env.ts';
import type { Config } from '../kernel/config.ts';
import type { DomainEventType, Listeners, PublishedEvent } from '../kernel/bus.ts';
import type { PublicIdKind } from '../kernel/ids.ts';
import type { PermissionRows } from '../kernel/permissions.ts';
import type { Storage } from '../kernel/storage.ts';
import type { AccountErasureStep, WorkspaceErasureStep } from './account/erasure-steps.ts';
import type { RouterEntry } from './lazy-routes.ts';

/** A module's router, as `newRouter()` makes it; its schema type feeds the web app's typed client. */
export type ModuleRouter = Hono<AppEnv, Schema, '/'>;

/**
 * What a module adds to a person's data export (`personal-data.export`): the rows of one workspace
 * tied to the person. It runs as the request role for the person with the workspace in context, so
 * RLS decides what it sees; the archive lists the rows under `content[name]`.
 */
export interface PersonalExportPart {
  readonly name: string;
  collect(tx: Tx, userId: string, workspaceId: string): Promise<unknown[]>;
}

/**
 * Sample rows for a demo workspace: a person's own (`POST /workspaces/demo`) and the local demo
 * account's (`npm run db:seed`, scripts/seed-lib.ts). Runs inside the transaction that created the
 * workspace, with it in context, on whichever handle that transaction has (the Worker's driver, or
 * node-postgres in the seed script); inserts directly, so it publishes no events and a demo never
 * counts as an activation.
 */
export interface DemoSeed {
  seed(db: QueryBuilder, target: { workspaceId: string; userId: string }): Promise<void>;
}

/** One item of a workspace's first-run checklist, read in the checklist's one query. */
export interface OnboardingItem {
  readonly id: string;
  readonly title: string;
  /** True once done; evaluated with the workspace in context (`currentWorkspaceId`). */
  readonly done: SQL<boolean>;
}

/** The progress towards a module's "first aha" that the checklist shows (the aha itself is an event). */
export interface ActivationProgress {
  readonly goal: string;
  readonly target: number;
  /** Evaluated with the workspace in context. */
  readonly current: SQL<number>;
}

/**
 * Reacts to a published event after its transaction committed, through the outbox and the queue: for
 * work that is slow, external or must read first (mail, webhooks, realtime). Runs at least once; the
 * ledger (`event_receipt`, keyed by `name` and the event id) commits with whatever `handle` wrote
 * through `tx`, so a redelivered event has one database effect. `tx` runs as the connection's own
 * role with the event's workspace in context. An effect outside the database (a request, a mail) may
 * repeat if the process dies after it and before the commit: make it idempotent by the event id.
 * Work that must see the committed rows (a live push that makes a client refetch) goes to
 * `afterCommit`.
 */
export interface EventConsumer {
  /** Stable: the ledger remembers handled events under it. */
  readonly name: string;
  readonly events: readonly DomainEventType[] | '*';
  /**
   * `always` (the default): every workspace's events of its types are queued for it.
   * `workspace-interest`: only those of workspaces that hold its interest, a count its module keeps in
   * `event_interest` under the consumer's name in the transaction that changes it (webhooks: the live
   * endpoints); elsewhere its events are not queued at all
   * (docs/decisions/054-events-by-workspace-interest.md).
   */
  readonly when?: 'always' | 'workspace-interest';
  handle(event: PublishedEvent, deps: ConsumerDeps): Promise<void>;
}

export interface ConsumerDeps extends JobDeps {
  tx: Tx;
  /**
   * Runs `work` once the consumer's transaction has committed, never when it rolls back (nor when a
   * redelivery finds the event handled). Best effort: a failure is logged, not retried, since the
   * event's effect is already committed.
   */
  afterCommit(work: () => Promise<void>): void;
}

/**
 * An event that leaves the process through the outbox. `payload` is the event without `type` and
 * `workspaceId`, as consumers and webhook endpoints receive it (the `data` of a webhook body); the
 * API document's `webhooks` section is generated from it.
 */
export interface PublishedEventDeclaration {
  /** The payload's schema version; a breaking change gets a new one. */
  readonly version: number;
  /** One line for the API reference. */
  readonly summary: string;
  readonly payload: z.ZodType;
  /** False for an event that is not offered to webhook endpoints (the webhooks module's notices to owners). */
  readonly webhook?: boolean;
}

/**
 * A kind of notification a module sends (docs/decisions/050-notifications.md). Security and billing
 * mail cannot be turned off; a chatty kind is pushed live to someone online and otherwise mailed in
 * an hourly or daily digest, never one email per notification.
 */
export interface NotificationKind {
  /** One line for the preferences page ("Someone joined the workspace"). */
  readonly summary: string;
  readonly category: 'security' | 'billing' | 'product';
  readonly chatty?: boolean;
  /**
   * The module mails it itself (billing's dunning mail): the notifications module only writes the
   * inbox row, so nobody gets the same news twice. Only for security and billing kinds, whose mail
   * cannot be turned off, so no preference goes unheeded.
   */
  readonly ownEmail?: true;
}

/**
 * A feature flag a module checks before it offers a feature (docs/decisions/073-feature-flags.md).
 * Its default is per environment: on, off, or on for a share of workspaces (a percentage, stable per
 * workspace). The operator overrides it for one workspace, and for one person in a workspace
 * (`npm run flags`); a person's override beats the workspace's, which beats the default.
 */
export interface FlagDeclaration {
  /** One line for the operator's list ("Import projects from a CSV file"). */
  readonly summary: string;
  readonly defaults: Readonly<Record<Config['APP_ENV'], boolean | { readonly percent: number }>>;
}

/**
 * One module's declaration of everything the platform assembles: the app's routes and idempotent
 * routes, the permission table, the id kinds, the job registry, the bus, the onboarding checklist,
 * the personal export, account erasure and the demo workspace. Listed once in `registry.ts`.
 */
export interface ModuleManifest {
  readonly name: string;
  /**
   * Routers mounted under `/api/v1`. The path decides the route group, and with it the auth that
   * runs (`worker/middleware/route-groups.ts`): `/w/{workspace}/…` tenant, `/me…` and
   * `/workspaces…` person, anything else public. `lazyRoutes(…)` builds a router on the first request
   * under its paths; a module's API routes are listed that way, so that an isolate pays for them only
   * once it serves one.
   */
  readonly routes?: readonly RouterEntry[];
  /** Routers mounted at the root, outside the API (health, JWKS, the dev inbox). */
  readonly pages?: readonly RouterEntry[];
  /** Tenant `POST` routes that honour `Idempotency-Key`, as OpenAPI paths (`/w/{workspace}/projects`). */
  readonly idempotent?: readonly string[];
  /** Action → lowest role; the same object as `<m>.permissions.ts` exports (shared with the web app). */
  readonly permissions?: PermissionRows;
  readonly ids?: readonly PublicIdKind[];
  /**
   * The module's jobs, imported by the queue consumer's first batch and never by a request
   * (docs/decisions/077-background-work-on-first-use.md):
   * `jobs: () => import('./x.job.ts').then((m) => [m.doX])`.
   */
  readonly jobs?: () => Promise<readonly JobDefinition[]>;
  /**
   * Jobs enqueued by a cron trigger of wrangler.toml, by schedule (`queues/cron.ts` adds them to the
   * platform's); imported when a trigger fires, like `jobs`.
   */
  readonly cron?: () => Promise<Readonly<Record<string, readonly JobRequest[]>>>;
  /**
   * What the module stores outside Postgres for a workspace, removed when the workspace is purged
   * (`workspaces.purge`), before its rows cascade away. Each returns how many objects it deleted
   * and must be safe to run twice.
   */
  readonly workspacePurge?: readonly WorkspacePurgeStep[];
  /** Exports whose objects expire: `exports.purge` deletes the due ones, object first, then row. */
  readonly expiringExports?: readonly ExpiringExports[];
  /** The events the module publishes (their payloads are declared by merging into `DomainEvents`). */
  readonly emits?: readonly DomainEventType[];
  readonly listeners?: Listeners<QueryBuilder, Statement>;
  /**
   * The events that leave the process through the outbox, with their payload's version and schema.
   * Only these reach `consumers` and webhook endpoints; the rest stay in the publisher's transaction.
   */
  readonly publishes?: Readonly<Partial<Record<DomainEventType, PublishedEventDeclaration>>>;
  /**
   * Reactions to published events, run from the queue after commit. Declared with `lazyConsumer`
   * (`lazy-consumers.ts`): a request routes events by the declaration, and the handler loads on the
   * consumer's first event.
   */
  readonly consumers?: readonly EventConsumer[];
  /** The feature flags the module checks, by name (`projects.csv-import`); names are unique across modules. */
  readonly flags?: Readonly<Record<string, FlagDeclaration>>;
  /** The notification kinds the module sends, by name (`member.joined`); names are unique across modules. */
  readonly notifications?: Readonly<Record<string, NotificationKind>>;
  /**
   * The OpenAPI document's `webhooks` entries (path item objects by name), given the event types
   * webhook endpoints can subscribe to: what the webhooks module sends, described in the document.
   */
  readonly documentWebhooks?: (events: ReadonlyArray<readonly [DomainEventType, PublishedEventDeclaration]>) => Record<string, unknown>;
  readonly onboarding?: { readonly items?: readonly OnboardingItem[]; readonly activation?: ActivationProgress };
  readonly personalExport?: readonly PersonalExportPart[];
  /** Steps account deletion runs: per workspace of the person's (before the platform's own), and once. */
  readonly erasure?: { readonly workspace?: readonly WorkspaceErasureStep[]; readonly account?: readonly AccountErasureStep[] };
  readonly demoSeed?: DemoSeed;
}

const moduleName = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export type WorkspacePurgeStep = (deps: { db: Database; storage: Storage | undefined }, workspaceId: string) => Promise<number>;

/** Keeps the manifest's literal types (the routers' schemas reach the web app's typed client). */
export function defineModule<const M extends ModuleManifest>(manifest: M): M {
  if (!moduleName.test(manifest.name)) throw new Error(`Module name "${manifest.name}" must be kebab-case`);
  return Object.freeze(manifest);
}
