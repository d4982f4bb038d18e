import { describe, expect, it } from 'vitest';
import { RecipientRefusedError } from '../../kernel/mailer.ts';
import { ResendMailer } from './resend.ts';
import { expectRefusedBeforeSending, failure, from, message, receivedFor, resendKey, resendUrl, uniqueAddress } from './testing.ts';

const mailer = (apiKey = resendKey) => new ResendMailer({ apiKey, from, baseUrl: resendUrl });

describe('ResendMailer (against the local Resend stand-in)', () => {
  it('POSTs /emails with the Bearer key and exactly one recipient, and answers the id', async () => {
    const to = uniqueAddress();
    const { id } = await mailer().send(message(to));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const [request, ...more] = await receivedFor(resendUrl, to);
    expect(more).toHaveLength(0);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/emails');
    expect(request?.headers.authorization).toBe(`Bearer ${resendKey}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      from,
      to: [to],
      subject: 'Hello there',
      html: '<p>Hi</p>',
      text: 'Hi',
      tags: [{ name: 'category', value: 'welcome' }],
    });
  });

  it('leaves tags out when the message has none', async () => {
    const to = uniqueAddress();
    await mailer().send({ to, subject: 'No tag', html: '<p>x</p>', text: 'x' });
    const [request] = await receivedFor(resendUrl, to);
    expect(Object.keys(request?.body ?? {}).sort()).toEqual(['from', 'html', 'subject', 'text', 'to']);
  });

  it.each([
    ['a comma list', 'a@x.com,b@y.com'],
    ['CR/LF', 'a@x.com\r\nBcc: b@y.com'],
    ['an array', ['a@x.com', 'b@y.com']],
    ['a display name', 'A <a@x.com>'],
  ])('refuses %s before any request leaves', async (_, to) => {
    await expectRefusedBeforeSending(mailer(), resendUrl, to as string);
  });

  it('maps a wrong key (403) to 503 with Resend’s message and never the key', async () => {
    const wrongKey = `re_wrong_${crypto.randomUUID()}`;
    const error = await failure(mailer(wrongKey).send(message(uniqueAddress())));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(error.message).toBe('Resend refused the email (403): API key is invalid');
    expect(error.message).not.toContain(wrongKey);
  });

  it('maps 429 and a non-JSON 500 to 503', async () => {
    const limited = await failure(mailer().send(message(uniqueAddress('rate-limited'))));
    expect(limited.code).toBe('SERVICE_UNAVAILABLE');
    expect(limited.message).toContain('(429): Too many requests');
    const down = await failure(mailer().send(message(uniqueAddress('server-error'))));
    expect(down.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.message).toBe('Resend refused the email (500): no explanation given');
    expect(down.message).not.toContain(resendKey);
  });

  it('tells a permanent refusal of the address (422 validation_error) from a passing failure', async () => {
    const refused = await failure(mailer().send(message(uniqueAddress('refused'))));
    expect(refused).toBeInstanceOf(RecipientRefusedError);
    expect(refused).toMatchObject({ code: 'SERVICE_UNAVAILABLE', refusal: 'validation_error' });
    expect(refused.message).toContain('Resend refused the email (422): Invalid `to` field.');
    for (const local of ['rate-limited', 'server-error', 'flaky-1']) {
      expect(await failure(mailer().send(message(uniqueAddress(local))))).not.toBeInstanceOf(RecipientRefusedError);
    }
  });

  it('maps an unreachable API to 503 without the key', async () => {
    const offline = new ResendMailer({ apiKey: resendKey, from, baseUrl: 'http://127.0.0.1:9' });
    const error = await failure(offline.send(message(uniqueAddress())));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe('Resend is unreachable, try again shortly');
  });
});
