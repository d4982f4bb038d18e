import { inspectSql } from './db.ts';

// Test files run one after another, each in its own isolate: what an earlier file left pending (its
// runtime ended before the queue's batch) is never finished here, so only this file's work counts.
const fileStartedAt = new Date().toISOString();

/**
 * Waits, for at most `timeoutMs`, until the work earlier requests left to the queue has ended: no
 * mail pending in the mail outbox and no job running, seen twice in a row. A test that counts what
 * one request costs in the background calls it first, so the mail of a sign-up (sent by the
 * `mail.send` job) is not charged to the request it measures. Best effort: on time-out it returns,
 * and the caller measures more than once.
 */
export async function untilBackgroundIdle({ timeoutMs = 8_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let idleChecks = 0;
  while (idleChecks < 2) {
    const [row] = (await inspectSql()`
      select (select count(*) from outbound_mail where status = 'pending' and created_at >= ${fileStartedAt})::int
           + (select count(*) from job_run where status = 'running' and started_at >= ${fileStartedAt})::int as busy`) as Array<{
      busy: number;
    }>;
    idleChecks = row?.busy === 0 ? idleChecks + 1 : 0;
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
