import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { Database, pointDriverAtLocalEndpoint } from '../worker/db/client.ts';
import { loadConfig } from '../worker/kernel/config.ts';
import { ownerSql } from '../worker/test/db.ts';
import { DEAD_LETTER_QUEUE, MAX_ATTEMPTS, retryDelaySeconds } from './consumer.ts';
import { defineJob, JobRegistry } from './jobs.ts';
import { jobRegistry } from './registry.ts';
import {
  captureLogs,
  deadLettersOf,
  delivery,
  envelope,
  idempotencyKeysLeft,
  runBatch,
  runsOf,
  seedIdempotencyKeys,
} from './test/fixtures.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('queue consumer: a valid job', () => {
  it('purges expired idempotency keys, keeps live ones, acks and records the run', async () => {
    const { expired, live } = await seedIdempotencyKeys();
    const body = envelope('idempotency-keys.purge', {});
    const message = delivery(body);

    const result = await runBatch([message]);

    expect(result.explicitAcks).toEqual([message.id]);
    expect(result.retryMessages).toEqual([]);
    expect(result.retryBatch.retry).toBe(false);
    expect(await idempotencyKeysLeft(expired, live)).toEqual([live]);
    const runs = await runsOf(body.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ job: 'idempotency-keys.purge', source: 'queue', status: 'succeeded', error: null });
    expect(runs[0]?.finished_at).not.toBeNull();
    expect(runs[0]?.detail).toMatchObject({ queue_message_id: message.id, version: 1, attempt: 1 });
    expect(runs[0]?.detail.result.deleted).toBeGreaterThanOrEqual(1);
  });

  it('is harmless when the same message is delivered twice', async () => {
    const { expired, live } = await seedIdempotencyKeys();
    const body = envelope('idempotency-keys.purge', {});
    const first = delivery(body);
    const again = { ...first, attempts: 2 };

    await runBatch([first]);
    const second = await runBatch([again]);

    expect(second.explicitAcks).toEqual([again.id]);
    expect(second.retryMessages).toEqual([]);
    expect(await idempotencyKeysLeft(expired, live)).toEqual([live]);
    const runs = await runsOf(body.id);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    expect(runs[1]?.detail.result).toEqual({ deleted: 0 });
    expect(await deadLettersOf(first.id)).toEqual([]);
  });

  it('purges sessions expired or revoked more than 30 days ago, and only those', async () => {
    const sql = ownerSql();
    const userId = crypto.randomUUID();
    const sessions = {
      expiredLongAgo: { expires: '-31 days', revoked: null },
      revokedLongAgo: { expires: '1 day', revoked: '-31 days' },
      expiredRecently: { expires: '-5 days', revoked: null },
      revokedRecently: { expires: '1 day', revoked: '-5 days' },
      live: { expires: '1 day', revoked: null },
    };
    const ids = Object.fromEntries(Object.keys(sessions).map((name) => [name, crypto.randomUUID()]));
    await sql.transaction([
      sql`insert into "user" (id, email, name, password_hash) values (${userId}, ${`jobs-${userId}@example.com`}, 'Jobs', 'x')`,
      ...Object.entries(sessions).map(
        ([name, s]) =>
          sql`insert into session (id, user_id, token_hash, expires_at, revoked_at)
              values (${ids[name]}, ${userId}, ${crypto.randomUUID()}, now() + ${s.expires}::interval,
                      now() + ${s.revoked}::interval)`,
      ),
    ]);
    const body = envelope('sessions.purge', {});

    const result = await runBatch([delivery(body)]);

    expect(result.explicitAcks).toHaveLength(1);
    const left = (await sql`select id from session where user_id = ${userId}`) as Array<{ id: string }>;
    expect(left.map((row) => row.id).sort()).toEqual([ids.expiredRecently, ids.revokedRecently, ids.live].sort());
    const [run] = await runsOf(body.id);
    expect(run?.detail.result).toMatchObject({ retention_days: 30 });
    expect(run?.detail.result.deleted).toBeGreaterThanOrEqual(2);
  });
});

describe('queue consumer: invalid messages', () => {
  const cases = {
    'a payload its schema refuses': envelope('sessions.purge', { retention_days: 'forever' }),
    'a payload with an unknown field': envelope('idempotency-keys.purge', { everything: true }),
    'an unknown job': envelope('invoices.send', {}),
    'an unknown version of a known job': envelope('sessions.purge', {}, 9),
    'a body that is no job message': { hello: 'world' },
  };

  for (const [name, body] of Object.entries(cases)) {
    it(`stores ${name} as a dead letter and acks it without a retry or a run`, async () => {
      const logs = captureLogs();
      const message = delivery(body);

      const result = await runBatch([message]);

      expect(result.explicitAcks).toEqual([message.id]);
      expect(result.retryMessages).toEqual([]);
      const [letter, ...more] = await deadLettersOf(message.id);
      expect(more).toEqual([]);
      expect(letter).toMatchObject({ reason: 'invalid', attempts: 1 });
      expect(letter?.error).toMatch(/^(Invalid payload|Unknown job|Invalid message)/);
      if ('job' in body) {
        expect(letter).toMatchObject({ job: body.job, version: body.version, payload: body.payload });
        expect(await runsOf(body.id)).toEqual([]);
      } else {
        expect(letter).toMatchObject({ job: null, version: null, payload: body });
      }
      expect(logs().some((line) => line.level === 'error' && line.message === 'job message rejected')).toBe(true);
    });
  }

  it('names the refused field in the stored error', async () => {
    const message = delivery(envelope('sessions.purge', { retention_days: 'forever' }));
    await runBatch([message]);
    const [letter] = await deadLettersOf(message.id);
    expect(letter?.error).toContain('retention_days');
  });
});

describe('queue consumer: a failing handler', () => {
  const attemptsOf = vi.fn();
  const flaky = defineJob({
    name: 'test.always-fails',
    version: 1,
    payload: z.object({ n: z.number() }),
    async handle() {
      attemptsOf();
      throw new Error('upstream said no');
    },
  });
  let registry: JobRegistry;
  beforeAll(async () => {
    registry = new JobRegistry([...(await jobRegistry()).definitions, flaky]);
  });

  it('is retried with growing delays, then stored as a dead letter after the last attempt', async () => {
    captureLogs();
    const body = envelope('test.always-fails', { n: 7 });
    const first = delivery(body);
    const delays: Array<number | undefined> = [];

    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const result = await runBatch([{ ...first, attempts: attempt }], { registry });
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toHaveLength(1);
      expect(result.retryMessages[0]?.msgId).toBe(first.id);
      delays.push(result.retryMessages[0]?.delaySeconds);
      expect(await deadLettersOf(first.id)).toEqual([]);
    }
    const last = await runBatch([{ ...first, attempts: MAX_ATTEMPTS }], { registry });

    expect(delays).toEqual([20, 40, 80, 160]);
    expect(last.explicitAcks).toEqual([first.id]);
    expect(last.retryMessages).toEqual([]);
    expect(attemptsOf).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(await deadLettersOf(first.id)).toEqual([
      {
        message_id: first.id,
        job: 'test.always-fails',
        version: 1,
        payload: { n: 7 },
        reason: 'exhausted',
        error: 'Error: upstream said no',
        attempts: MAX_ATTEMPTS,
      },
    ]);
    const runs = await runsOf(body.id);
    expect(runs).toHaveLength(MAX_ATTEMPTS);
    for (const run of runs) expect(run).toMatchObject({ status: 'failed', error: 'Error: upstream said no' });
    expect(runs.map((run) => run.detail.retry_in_seconds ?? null)).toEqual([20, 40, 80, 160, null]);
    expect(runs.at(-1)?.detail.dead_lettered).toBe(true);
  });

  it('keeps one dead letter when the last attempt is delivered again', async () => {
    captureLogs();
    const message = delivery(envelope('test.always-fails', { n: 1 }), MAX_ATTEMPTS);
    await runBatch([message], { registry });
    const again = await runBatch([{ ...message, attempts: MAX_ATTEMPTS + 1 }], { registry });
    expect(again.explicitAcks).toEqual([message.id]);
    expect(await deadLettersOf(message.id)).toHaveLength(1);
  });

  it('settles each message of a batch on its own', async () => {
    captureLogs();
    const { expired, live } = await seedIdempotencyKeys();
    const good = delivery(envelope('idempotency-keys.purge', {}));
    const failing = delivery(envelope('test.always-fails', { n: 2 }), 2);
    const invalid = delivery(envelope('sessions.purge', { retention_days: 0 }));

    const result = await runBatch([good, failing, invalid], { registry });

    expect(result.explicitAcks.sort()).toEqual([good.id, invalid.id].sort());
    expect(result.retryMessages).toEqual([{ msgId: failing.id, delaySeconds: retryDelaySeconds(2) }]);
    expect(result.retryBatch.retry).toBe(false);
    expect(await idempotencyKeysLeft(expired, live)).toEqual([live]);
  });

  it('caps the backoff', () => {
    expect(retryDelaySeconds(1)).toBe(20);
    expect(retryDelaySeconds(20)).toBe(15 * 60);
  });
});

describe('queue consumer: a database outage', () => {
  const bindings = env as unknown as Record<string, string>;
  // The job reaches the database through the endpoint whose PostgreSQL server is down, then points
  // the driver back at the live one for the consumer's own bookkeeping (the driver's endpoint is global).
  const meetsOutage = defineJob({
    name: 'test.database-down',
    version: 1,
    payload: z.object({}),
    async handle() {
      const down = {
        ...env,
        NEON_LOCAL_PROXY: bindings.TEST_OUTAGE_NEON_LOCAL_PROXY,
        DATABASE_URL: bindings.TEST_UNREACHABLE_DATABASE_URL,
      };
      try {
        await new Database(loadConfig(down as Env)).http.execute(sql`select 1`);
      } finally {
        pointDriverAtLocalEndpoint(bindings.NEON_LOCAL_PROXY as string);
      }
      return {};
    },
  });
  let registry: JobRegistry;
  beforeAll(async () => {
    registry = new JobRegistry([...(await jobRegistry()).definitions, meetsOutage]);
  });

  it('is retried even on the last attempt, never stored as a failed job', async () => {
    const logs = captureLogs();
    const body = envelope('test.database-down', {});
    const message = delivery(body, MAX_ATTEMPTS);

    const result = await runBatch([message], { registry });

    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: message.id, delaySeconds: retryDelaySeconds(MAX_ATTEMPTS) }]);
    expect(await deadLettersOf(message.id)).toEqual([]);
    const [run] = await runsOf(body.id);
    expect(run).toMatchObject({ status: 'failed', detail: { database_unavailable: true } });
    expect(logs().some((line) => line.message === 'job met a database outage; retrying')).toBe(true);
  });
});

describe('queue consumer: configuration and the dead-letter queue', () => {
  it('retries the whole batch and names the missing secret when the configuration is invalid', async () => {
    const logs = captureLogs();
    const { APP_SECRET: _omitted, ...bindings } = env as unknown as Record<string, unknown>;
    const body = envelope('idempotency-keys.purge', {});
    const message = delivery(body);

    const result = await runBatch([message], { bindings });

    expect(result.retryBatch).toEqual({ retry: true, delaySeconds: 300 });
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([]);
    const errors = logs().filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('queue batch not processed: invalid configuration');
    expect(errors[0]?.error).toContain('APP_SECRET');
    expect(await runsOf(body.id)).toEqual([]);
  });

  it('stores what reaches the dead-letter queue without running it', async () => {
    captureLogs();
    const { expired, live } = await seedIdempotencyKeys();
    const body = envelope('idempotency-keys.purge', {});
    const message = delivery(body, 1);

    const result = await runBatch([message], { queue: DEAD_LETTER_QUEUE });

    expect(result.explicitAcks).toEqual([message.id]);
    expect(await deadLettersOf(message.id)).toEqual([
      expect.objectContaining({ job: 'idempotency-keys.purge', version: 1, payload: {}, reason: 'undeliverable' }),
    ]);
    expect(await runsOf(body.id)).toEqual([]);
    expect(await idempotencyKeysLeft(expired, live)).toEqual([expired, live].sort());
  });
});

describe('job tables', () => {
  it('are out of reach of the request role', async () => {
    const sql = ownerSql();
    for (const table of ['job_run', 'job_dead_letter']) {
      await expect(sql.transaction([sql`set local role app_request`, sql.query(`select count(*) from ${table}`)])).rejects.toThrow(
        /permission denied/,
      );
      const [rls] = (await sql`
        select relrowsecurity from pg_class where oid = ${table}::regclass`) as Array<{ relrowsecurity: boolean }>;
      expect(rls?.relrowsecurity).toBe(true);
    }
  });
});
