import type { InboxMessage } from '../kernel/mailer.ts';
import { call } from './client.ts';
import { inspectSql } from './db.ts';

/**
 * Mail the dev inbox holds for `to` (newest first), waiting up to `timeoutMs` for at least `count`
 * with `tag`: every mail is sent by the `mail.send` job after the write that decided it, and the
 * queue hands the job over in batches of up to 1 s in tests (twice when a job writes the mail).
 */
export async function mailFor(to: string, tag: string, { count = 1, timeoutMs = 15_000 } = {}): Promise<InboxMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await call('GET', `/api/dev/inbox?to=${encodeURIComponent(to)}`);
    const found = (list.json.data as InboxMessage[]).filter((m) => m.tag === tag);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Every mail to `to` that the mail outbox holds, settled: waits until no row for that address is
 * pending, so each mail a committed write decided on is in the dev inbox (or was suppressed or
 * refused). What the dev inbox then lacks was never written; a test can assert that nothing was sent
 * without trusting a timeout. A mail still pending after `timeoutMs` fails the test.
 */
export async function untilMailSettled(to: string, { timeoutMs = 20_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = (await inspectSql()`
      select count(*)::int as pending from outbound_mail where lower(recipient) = lower(${to}) and status = 'pending'`) as Array<{
      pending: number;
    }>;
    if (row?.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${row?.pending} mail(s) to ${to} still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The token of the newest `tag` mail to `to`, read from its link's fragment. */
export async function tokenFromMail(to: string, tag: string, count = 1): Promise<string> {
  const [latest] = await mailFor(to, tag, { count });
  const token = /#token=([A-Za-z0-9_-]{43})/.exec(latest?.text ?? '')?.[1];
  if (!token) throw new Error(`no ${tag} mail with a token for ${to}`);
  return token;
}

/** Waits until background work of earlier requests had time to run, then lists what arrived. */
export async function settle(ms = 600): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The first render of an email in a test run loads React's server renderer through the test
 * bundler, which takes seconds; doing it once up front keeps that out of the tests' own time.
 */
export async function warmUpMailRendering(): Promise<void> {
  const { welcomeEmail } = await import('../modules/mail/templates/welcome.tsx');
  await welcomeEmail({ name: 'warm-up', appOrigin: 'http://localhost:8787' });
}
