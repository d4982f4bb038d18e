import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobBounds } from '../worker/kernel/job-bounds.ts';
import { assignments, type RequestJob } from './test/request-job.ts';
import { call, createWorkspace, signUp } from '../worker/test/client.ts';
import { inspectSql, ownerSql } from '../worker/test/db.ts';
import { setContextText } from '../worker/db/context.ts';
import { cronJobs } from './cron.ts';
import { jobRegistry } from './registry.ts';
import { personalExportIds } from '../worker/modules/account/account.ids.ts';
import { auditExportIds } from '../worker/modules/audit/audit.ids.ts';
import { dispatchEvent } from '../worker/modules/events/events.jobs.ts';
import { scanFile } from '../worker/modules/files/files.jobs.ts';
import { deliverWebhooks } from '../worker/modules/webhooks/deliver.job.ts';
import { countUsage } from '../worker/modules/billing/usage.jobs.ts';
import { sendMail } from '../worker/modules/mail/send-mail.job.ts';
import { parsePublicId } from '../worker/kernel/ids.ts';

// Every job a request can start is bounded (docs/decisions/030-bounded-jobs-and-outages.md): one
// running per owner, a repeat meanwhile answered with that job, and a cap per rolling day beyond
// which the answer is 429 with Retry-After. Each such job has an entry here; a job that no cron
// trigger enqueues and that has no entry fails the first test.

/** An export's status (its answers' words) as its job's. */
const jobStatus = (status: string | null) => (status === 'pending' ? 'queued' : status === 'done' ? 'succeeded' : status);

const platformRequestJobs: Record<string, RequestJob> = {
  'audit-log.export': {
    bound: jobBounds.auditExport,
    kind: auditExportIds,
    async owner() {
      const owner = await signUp('Exporter');
      const ws = await createWorkspace(owner.cookie, 'Exports');
      const workspaceId = parsePublicId('workspace', ws.id) ?? '';
      return {
        start: () => call('POST', `/api/v1/w/${ws.slug}/audit-exports`, { cookie: owner.cookie }),
        rows: async () =>
          (await inspectSql()`select e.id, case j.status when 'queued' then 'pending' when 'succeeded' then 'done' when 'cancelled' then 'failed' else j.status end as status
             from audit_export e join job j using (id) where e.workspace_id = ${workspaceId} order by e.created_at desc`) as Array<{
            id: string;
            status: string;
          }>,
        async set(publicId, change) {
          const { status, age } = assignments(change);
          const sql = ownerSql();
          await sql.transaction([
            sql.query(setContextText('workspace_id'), [workspaceId]),
            sql`update audit_export set created_at = coalesce(now() - make_interval(secs => ${age}::int), created_at)
                where id = ${auditExportIds.parse(publicId)}`,
            sql`update job set status = coalesce(${jobStatus(status)}, status),
                  created_at = coalesce(now() - make_interval(secs => ${age}::int), created_at)
                where id = ${auditExportIds.parse(publicId)}`,
          ]);
        },
        auditEntries: async () =>
          (
            (
              await inspectSql()`select count(*)::int as n from audit_log
             where workspace_id = ${workspaceId} and action = 'audit_log.exported'`
            )[0] as { n: number }
          ).n,
      };
    },
  },
  'personal-data.export': {
    bound: jobBounds.personalExport,
    kind: personalExportIds,
    async owner() {
      const person = await signUp('Archivist');
      const userId = parsePublicId('user', person.user.id) ?? '';
      return {
        start: () => call('POST', '/api/v1/me/exports', { cookie: person.cookie }),
        rows: async () =>
          (await inspectSql()`select e.id, case j.status when 'queued' then 'pending' when 'succeeded' then 'done' when 'cancelled' then 'failed' else j.status end as status
             from personal_export e join job j using (id) where e.user_id = ${userId} order by e.created_at desc`) as Array<{
            id: string;
            status: string;
          }>,
        async set(publicId, change) {
          const { status, age } = assignments(change);
          const id = personalExportIds.parse(publicId);
          const sql = ownerSql();
          await sql.transaction([
            sql`update personal_export set created_at = coalesce(now() - make_interval(secs => ${age}::int), created_at) where id = ${id}`,
            sql.query(setContextText('user_id'), [userId]),
            sql`update job set status = coalesce(${jobStatus(status)}, status),
                  created_at = coalesce(now() - make_interval(secs => ${age}::int), created_at)
                where id = ${id}`,
          ]);
        },
        auditEntries: async () =>
          (
            (
              await inspectSql()`select count(*)::int as n from audit_log
             where actor_id = ${userId} and action = 'user.data_export_requested'`
            )[0] as { n: number }
          ).n,
      };
    },
  },
};

const moduleFiles = import.meta.glob<{ requestJobs: Record<string, RequestJob> }>('../worker/modules/*/*.request-jobs.ts', { eager: true });
const requestJobs: Record<string, RequestJob> = Object.assign(
  {},
  platformRequestJobs,
  ...Object.values(moduleFiles).map((m) => m.requestJobs),
);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('jobs a request can start', () => {
  it('are every job no cron trigger enqueues, and each has its bound here', async () => {
    const scheduled = new Set(Object.values(await cronJobs()).flatMap((requests) => requests.map((r) => r.job.name)));
    // The outbox relay sends one dispatch per event a committed write published: writes bound it.
    // A file's scan is queued only by the confirmation that moves it from pending to uploaded: one
    // per upload, whose bytes the uploader had to put in storage first (worker/modules/files/files.test.ts).
    // A webhook delivery message is queued by the fan-out consumer of a relayed event: one for the
    // workspace's endpoints, at most 20 (worker/modules/webhooks/webhooks.test.ts), and then by its own retries.
    // A usage count is queued once per API-key request already admitted (without Redis), bounded by
    // the key's rate limit (API_KEY_LIMITER, docs/decisions/047-api-key-limit-at-the-edge.md).
    // A mail is sent by one `mail.send` per mail row a committed write wrote: each sender bounds its
    // own mail (sign-up, reset and magic links by their rate limits, invitations by the workspace's
    // invitation allowance), docs/decisions/055-mail-through-the-outbox.md.
    const relayed = new Set([dispatchEvent.name, scanFile.name, deliverWebhooks.name, countUsage.name, sendMail.name]);
    const fromRequests = (await jobRegistry()).definitions
      .map((job) => job.name)
      .filter((name) => !scheduled.has(name) && !relayed.has(name));
    expect(fromRequests.sort()).toEqual(Object.keys(requestJobs).sort());
  });
});

for (const [name, job] of Object.entries(requestJobs)) {
  describe(`${name}: bounded`, () => {
    it('answers a repeat while one runs with that same job, and queues nothing', async () => {
      const owner = await job.owner();
      const send = vi.spyOn(env.JOBS, 'send');
      const first = await owner.start();
      expect(first.status).toBe(202);
      expect(job.kind.parse(first.json.id)).not.toBeNull();
      expect(send).toHaveBeenCalledTimes(1);

      const repeat = await owner.start();
      expect(repeat.status).toBe(202);
      expect(repeat.json.id).toBe(first.json.id);
      await owner.set(first.json.id, { status: 'running' });
      const whileRunning = await owner.start();
      expect(whileRunning.status).toBe(202);
      expect(whileRunning.json).toMatchObject({ id: first.json.id, status: 'running' });

      expect(send).toHaveBeenCalledTimes(1);
      expect(await owner.rows()).toHaveLength(1);
      expect(await owner.auditEntries()).toBe(1);

      // Done or failed, it no longer runs: the next request starts a new one.
      await owner.set(first.json.id, { status: 'failed' });
      const next = await owner.start();
      expect(next.status).toBe(202);
      expect(next.json.id).not.toBe(first.json.id);
      expect(send).toHaveBeenCalledTimes(2);
    });

    it('lets two requests at once queue one job between them', async () => {
      const owner = await job.owner();
      const [a, b] = await Promise.all([owner.start(), owner.start()]);
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(a.json.id).toBe(b.json.id);
      expect(await owner.rows()).toHaveLength(1);
    });

    it(`starts at most ${job.bound.perDay} a day, then answers 429 with Retry-After until the oldest leaves the day`, async () => {
      const owner = await job.owner();
      for (let i = 0; i < job.bound.perDay; i += 1) {
        const started = await owner.start();
        expect(started.status, `request ${i + 1}`).toBe(202);
        // Each finishes before the next request; the first was asked for 20 hours ago.
        await owner.set(started.json.id, { status: 'done', ...(i === 0 ? { ageSeconds: 20 * 3600 } : {}) });
      }
      const refused = await owner.start();
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: 'RATE_LIMITED', request_id: expect.any(String) });
      expect(refused.json.error.message).toContain(`At most ${job.bound.perDay}`);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(4 * 3600 - 120);
      expect(retryAfter).toBeLessThanOrEqual(4 * 3600);
      expect(await owner.rows()).toHaveLength(job.bound.perDay);
      expect(await owner.auditEntries()).toBe(job.bound.perDay);

      // Once the oldest has left the window, one more may start.
      const [oldest] = (await owner.rows()).slice(-1);
      await owner.set(job.kind.toPublic(oldest?.id ?? ''), { ageSeconds: 24 * 3600 + 1 });
      expect((await owner.start()).status).toBe(202);
    });

    it('takes a pending job older than its retries could run for as lost, and starts a new one', async () => {
      const owner = await job.owner();
      const lost = await owner.start();
      await owner.set(lost.json.id, { ageSeconds: job.bound.staleAfterSeconds + 60 });
      const fresh = await owner.start();
      expect(fresh.status).toBe(202);
      expect(fresh.json.id).not.toBe(lost.json.id);
    });
  });
}
