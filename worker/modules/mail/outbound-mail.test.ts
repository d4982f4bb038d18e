import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { delivery, envelope, recordingQueue, runBatch } from '../../../queues/test/fixtures.ts';
import { postmarkUrl, receivedFor, resendUrl } from '../../adapters/mail/testing.ts';
import { Database, system } from '../../db/gateway.ts';
import { loadConfig } from '../../kernel/config.ts';
import { unseal } from '../../kernel/secret-box.ts';
import { call, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { tokenFromMail, warmUpMailRendering } from '../../test/inbox.ts';
import { MAIL_PARAMS_PURPOSE, type MailIntent, MailOutbox, type MailTemplate } from './outbound-mail.ts';

beforeAll(warmUpMailRendering, 60_000);

const config = loadConfig(env);
const token = () => `tok_${crypto.randomUUID().replaceAll('-', '')}`;
const address = (local: string) => `${local}+${crypto.randomUUID().slice(0, 8)}@example.com`;

/** Writes one mail's intent as a caller does, in its own batch, and answers its id and the relay's messages. */
async function writeIntent<T extends MailTemplate>(intent: MailIntent<T>) {
  const outbox = new MailOutbox(config.APP_SECRET);
  const insert = await outbox.prepare(intent);
  await system(new Database(config), { role: 'owner' }).batch((q) => [insert(q)]);
  const queue = recordingQueue();
  await outbox.relay(queue);
  const [message] = queue.sent as Array<{ job: string; payload: { mail_id: string } }>;
  if (!message) throw new Error('nothing relayed');
  return { id: message.payload.mail_id, message };
}

async function mailRow(id: string) {
  const [row] = (await inspectSql()`select * from outbound_mail where id = ${id}`) as Array<Record<string, unknown>>;
  return row;
}

/** One delivery of `mail.send` through the queue consumer, with the given provider behind the mailer. */
const sendAttempt = (id: string, attempt: number, provider: 'resend' | 'postmark') =>
  runBatch([delivery(envelope('mail.send', { mail_id: id }), attempt)], { bindings: { ...env, MAIL_PROVIDER: provider } });

describe('mail through the outbox', () => {
  it('keeps a link token out of the row and the queue message: sealed until sent, gone after', async () => {
    const secret = token();
    const to = address('sealed');
    const { id, message } = await writeIntent({ template: 'password-reset', to, params: { token: secret }, security: true });

    expect(JSON.stringify(message)).not.toContain(secret);
    const pending = await mailRow(id);
    expect(pending?.status).toBe('pending');
    expect(JSON.stringify(pending)).not.toContain(secret);
    expect(await unseal(config.APP_SECRET, MAIL_PARAMS_PURPOSE, String(pending?.sealed_params))).toContain(secret);

    const result = await sendAttempt(id, 1, 'resend');
    expect(result.explicitAcks).toHaveLength(1);
    const [sent] = await receivedFor(resendUrl, to);
    expect(JSON.stringify(sent?.body)).toContain(secret);
    const settled = await mailRow(id);
    expect(settled?.status).toBe('sent');
    expect(settled?.sealed_params).toBeNull();
    expect(JSON.stringify(settled)).not.toContain(secret);
  });

  it('writes a reset link through the request path without the token in any mail row or job record', async () => {
    const account = await signUp('Sealed');
    const res = await call('POST', '/api/v1/auth/password-reset/request', { body: { email: account.email } });
    expect(res.status).toBe(202);
    const secret = await tokenFromMail(account.email, 'password-reset');
    const rows = await inspectSql()`select * from outbound_mail where recipient = ${account.email}`;
    expect(rows.map((row) => row.template)).toContain('password-reset');
    expect(JSON.stringify(rows)).not.toContain(secret);
    const runs = await inspectSql()`select detail from job_run where job = 'mail.send' and detail::text like ${`%${rows[0]?.id}%`}`;
    expect(runs.length).toBeGreaterThan(0);
    expect(JSON.stringify(runs)).not.toContain(secret);
  });

  it('retries through a provider outage with the queue’s backoff, and the mail arrives once', async () => {
    const to = address('flaky-2');
    const { id } = await writeIntent({ template: 'welcome', to, params: { name: 'Ada' } });

    const first = await sendAttempt(id, 1, 'resend');
    expect(first.retryMessages).toEqual([expect.objectContaining({ delaySeconds: 20 })]);
    const second = await sendAttempt(id, 2, 'resend');
    expect(second.retryMessages).toEqual([expect.objectContaining({ delaySeconds: 40 })]);
    expect((await mailRow(id))?.status).toBe('pending');

    const third = await sendAttempt(id, 3, 'resend');
    expect(third.explicitAcks).toHaveLength(1);
    // A second delivery of the same message (at least once) sends nothing more.
    await sendAttempt(id, 1, 'resend');

    const requests = await receivedFor(resendUrl, to);
    expect(requests).toHaveLength(3);
    const row = await mailRow(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it.each([
    ['resend', resendUrl, 'validation_error'],
    ['postmark', postmarkUrl, '300'],
  ] as const)(
    'records an address %s refuses for good, does not retry, and skips later mail to it except security mail',
    async (provider, url, refusal) => {
      const to = address('refused');
      const { id } = await writeIntent({ template: 'welcome', to, params: { name: 'Ada' } });
      const result = await sendAttempt(id, 1, provider);
      expect(result.explicitAcks).toHaveLength(1);
      expect(result.retryMessages).toHaveLength(0);
      expect(await mailRow(id)).toMatchObject({ status: 'refused', sealed_params: null });
      expect(await inspectSql()`select provider, refusal from mail_suppression where address = ${to}`).toEqual([{ provider, refusal }]);

      const later = await writeIntent({ template: 'welcome', to, params: { name: 'Ada' } });
      expect((await sendAttempt(later.id, 1, provider)).explicitAcks).toHaveLength(1);
      expect((await mailRow(later.id))?.status).toBe('suppressed');
      expect(await receivedFor(url, to)).toHaveLength(1);

      const security = await writeIntent({ template: 'magic-link', to, params: { token: token() }, security: true });
      await sendAttempt(security.id, 1, provider);
      expect((await mailRow(security.id))?.status).toBe('refused');
      expect(await receivedFor(url, to)).toHaveLength(2);
    },
  );

  it('sends nothing for an intent whose write rolled back', async () => {
    const outbox = new MailOutbox(config.APP_SECRET);
    const to = address('rolled-back');
    const insert = await outbox.prepare({ template: 'welcome', to, params: { name: 'Ada' } });
    const failed = system(new Database(config), { role: 'owner' }).interactive(async (tx) => {
      await insert(tx);
      throw new Error('the change failed');
    });
    await expect(failed).rejects.toThrow('the change failed');
    const queue = recordingQueue();
    await outbox.relay(queue);
    const [message] = queue.sent as Array<{ payload: { mail_id: string } }>;
    const id = message?.payload.mail_id ?? '';
    expect(await mailRow(id)).toBeUndefined();
    expect((await sendAttempt(id, 1, 'resend')).explicitAcks).toHaveLength(1);
    expect(await receivedFor(resendUrl, to)).toHaveLength(0);
  });
});
