import { z } from 'zod';
import type { Database } from '../worker/db/client.ts';
import type { Services } from '../worker/env.ts';
import type { Config } from '../worker/kernel/config.ts';
import type { JobQueue } from './enqueue.ts';
import type { Logger } from '../worker/middleware/logger.ts';
import type { ModuleManifest } from '../worker/modules/module.ts';
import {
  purgeDeadSignInState,
  purgeDeadTokens,
  purgeExpiredIdempotencyKeys,
  purgeJobLog,
  purgeLongExpiredInvites,
  purgeStaleSessions,
} from './housekeeping.repo.ts';

/**
 * What a handler is given: the owner connection, the queue, a logger bound to the message, the
 * configuration and wired services, and the registered modules (what a job gathers from them, such as the parts of a
 * personal export). Modules are handed in, never imported here: their manifests import `defineJob`.
 */
export interface JobDeps {
  db: Database;
  /** The jobs queue's producer (absent where a job runs without one, as in some tests). */
  queue?: JobQueue | undefined;
  logger: Logger;
  modules: readonly ModuleManifest[];
  /** The validated environment: `APP_ORIGIN` for links in what a job mails, `APP_SECRET`, … */
  config: Config;
  /**
   * What `wiring.ts` chose, the same services a request gets: object storage, the mailer, the
   * scanner, the payment provider, the DNS resolvers, the dev inboxes and the domain bus. Each is
   * absent where the deployment has none; a job that needs one says so.
   */
  services: Services;
}

/** Whatever a handler reports is stored as `job_run.detail.result`; keep it small and free of secrets. */
export type JobResult = Record<string, unknown>;

/**
 * A job is data (name, version, zod schema of its payload) plus a handler. The consumer validates
 * every message against the schema before the handler sees it; cron triggers enqueue the same
 * definitions, so there is one code path for both.
 *
 * Delivery is at least once: a handler may see the same message twice (a retry after a crash, two
 * cron ticks), so it must be safe to run twice. A breaking change to the payload gets a new
 * version; keep the old definition registered until its messages have drained.
 */
export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly version: number;
  readonly payload: P;
  /**
   * The workspace a message of this job works for, if any. When it fails on its last attempt, that
   * workspace's admins see the failure and may send it again (`job_failure`).
   */
  readonly workspaceOf?: (payload: z.output<P>) => string;
  handle(payload: z.output<P>, deps: JobDeps): Promise<JobResult | undefined>;
}

const jobName = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/**
 * @example
 * export const sendDigest = defineJob({
 *   name: 'digest.send',
 *   version: 1,
 *   payload: z.object({ workspace_id: z.uuid() }),
 *   async handle({ workspace_id }, { db }) { … return { sent: 3 }; },
 * });
 */
export function defineJob<P extends z.ZodType>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!jobName.test(definition.name)) throw new Error(`Job name "${definition.name}" must be dotted kebab-case`);
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new Error(`Job ${definition.name} needs a positive integer version`);
  }
  return Object.freeze({ ...definition });
}

/** The body of every message on the jobs queue. */
export const jobMessageSchema = z.object({
  /** Chosen by the producer (UUIDv7); stays the same across redeliveries. */
  id: z.uuid(),
  job: z.string().min(1),
  version: z.number().int().positive(),
  payload: z.unknown(),
  enqueued_at: z.iso.datetime(),
  /** Set by a cron trigger (its expression): the consumer records the run in `cron_run`. */
  cron: z.string().min(1).optional(),
});

export type JobMessage = z.infer<typeof jobMessageSchema>;

export class JobRegistry {
  readonly #byKey = new Map<string, JobDefinition>();

  constructor(definitions: readonly JobDefinition[]) {
    for (const definition of definitions) {
      const key = `${definition.name}@${definition.version}`;
      if (this.#byKey.has(key)) throw new Error(`Job ${key} is registered twice`);
      this.#byKey.set(key, definition);
    }
  }

  find(name: string, version: number): JobDefinition | undefined {
    return this.#byKey.get(`${name}@${version}`);
  }

  get definitions(): JobDefinition[] {
    return [...this.#byKey.values()];
  }
}

export const purgeIdempotencyKeys = defineJob({
  name: 'idempotency-keys.purge',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, { db }) {
    return { deleted: await purgeExpiredIdempotencyKeys(db) };
  },
});

export const purgeSessions = defineJob({
  name: 'sessions.purge',
  version: 1,
  payload: z.strictObject({
    /** Sessions that expired or were revoked longer ago than this are deleted. */
    retention_days: z.number().int().min(1).max(3650).default(30),
  }),
  async handle({ retention_days }, { db }) {
    return { deleted: await purgeStaleSessions(db, retention_days), retention_days };
  },
});

/**
 * Deletes sign-in state that has been dead for an hour: pending second-factor sign-ins, WebAuthn
 * challenges, mailed tokens (verification, reset, magic link, email change) and log-in throttle
 * windows that are over (`purgeDeadSignInState` in housekeeping.repo.ts).
 */
export const purgeSignInState = defineJob({
  name: 'sign-in-state.purge',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, { db }) {
    return purgeDeadSignInState(db);
  },
});

/**
 * Deletes token families (with their refresh tokens) and personal access tokens that expired or were
 * revoked more than `retention_days` ago. Spent refresh tokens of a live family are kept: they are
 * how reuse is detected (docs/decisions/019).
 */
export const purgeTokens = defineJob({
  name: 'tokens.purge',
  version: 1,
  payload: z.strictObject({
    retention_days: z.number().int().min(1).max(3650).default(30),
  }),
  async handle({ retention_days }, { db }) {
    return { ...(await purgeDeadTokens(db, retention_days)), retention_days };
  },
});

/**
 * Deletes job runs that ended more than `run_retention_days` ago and dead letters older than
 * `dead_letter_retention_days`. A dead letter waits for a person to read it and perhaps send the
 * message again, so it is kept longer than the runs (docs/decisions/027).
 */
export const purgeJobLogs = defineJob({
  name: 'job-log.purge',
  version: 1,
  payload: z.strictObject({
    run_retention_days: z.number().int().min(1).max(3650).default(30),
    dead_letter_retention_days: z.number().int().min(1).max(3650).default(90),
  }),
  async handle({ run_retention_days, dead_letter_retention_days }, { db }) {
    const purged = await purgeJobLog(db, {
      runRetentionDays: run_retention_days,
      deadLetterRetentionDays: dead_letter_retention_days,
    });
    return { ...purged, run_retention_days, dead_letter_retention_days };
  },
});

/**
 * Deletes the exports whose file expired (7 days after it was written), or that never finished
 * within 7 days of the request: each object first, then its row (`queues/export-purge.ts`). The
 * kinds are the modules' (`expiringExports` in a manifest: audit exports, personal exports).
 */
export const purgeExpiredExports = defineJob({
  name: 'exports.purge',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, deps) {
    const purged: Record<string, number> = {};
    for (const kind of deps.modules.flatMap((m) => m.expiringExports ?? [])) {
      purged[kind.name] = await kind.purge({ db: deps.db, storage: deps.services.storage });
    }
    return purged;
  },
});

/**
 * Deletes pending invites that expired more than 30 days ago (`purgeLongExpiredInvites`): by then
 * nobody resends them, and a new invite for the address replaces an expired one anyway.
 */
export const purgeInvites = defineJob({
  name: 'invites.purge',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, { db }) {
    return { deleted: await purgeLongExpiredInvites(db) };
  },
});

/**
 * The platform's housekeeping jobs. The job registry the consumer runs (`queues/registry.ts`) adds
 * each module's own jobs (`jobs` in its manifest).
 */
export const housekeepingJobs = [
  purgeIdempotencyKeys,
  purgeSessions,
  purgeSignInState,
  purgeTokens,
  purgeJobLogs,
  purgeExpiredExports,
  purgeInvites,
];
