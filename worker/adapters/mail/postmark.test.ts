import { describe, expect, it } from 'vitest';
import { RecipientRefusedError } from '../../kernel/mailer.ts';
import { PostmarkMailer } from './postmark.ts';
import { expectRefusedBeforeSending, failure, from, message, postmarkToken, postmarkUrl, receivedFor, uniqueAddress } from './testing.ts';

const mailer = (serverToken = postmarkToken) => new PostmarkMailer({ serverToken, from, baseUrl: `${postmarkUrl}/` });

describe('PostmarkMailer (against the local Postmark stand-in)', () => {
  it('POSTs /email with the server token and exactly one address in To, and answers the MessageID', async () => {
    const to = uniqueAddress();
    const { id } = await mailer().send(message(to));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const [request, ...more] = await receivedFor(postmarkUrl, to);
    expect(more).toHaveLength(0);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/email');
    expect(request?.headers['x-postmark-server-token']).toBe(postmarkToken);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      From: from,
      To: to,
      Subject: 'Hello there',
      HtmlBody: '<p>Hi</p>',
      TextBody: 'Hi',
      Tag: 'welcome',
      MessageStream: 'outbound',
    });
  });

  it.each([
    ['a comma list', 'a@x.com,b@y.com'],
    ['a semicolon list', 'a@x.com;b@y.com'],
    ['CR/LF', 'a@x.com\r\nCc: b@y.com'],
    ['a quoted local part', '"a@x.com"@y.com'],
  ])('refuses %s before any request leaves', async (_, to) => {
    await expectRefusedBeforeSending(mailer(), postmarkUrl, to);
  });

  it('maps a wrong token (401, code 10) to 503 with Postmark’s message and never the token', async () => {
    const wrongToken = `pm-wrong-${crypto.randomUUID()}`;
    const error = await failure(mailer(wrongToken).send(message(uniqueAddress())));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe('Postmark refused the email (401, code 10): Request does not contain a valid Server token.');
    expect(error.message).not.toContain(wrongToken);
  });

  it('maps 422 with an ErrorCode, and a 200 carrying a non-zero ErrorCode, to 503', async () => {
    const inactive = await failure(mailer().send(message(uniqueAddress('inactive'))));
    expect(inactive.code).toBe('SERVICE_UNAVAILABLE');
    expect(inactive.message).toContain('(422, code 406): You tried to send to recipient(s) that have been marked as inactive.');
    const odd = await failure(mailer().send(message(uniqueAddress('odd-ok'))));
    expect(odd.code).toBe('SERVICE_UNAVAILABLE');
    expect(odd.message).toBe('Postmark refused the email (200, code 300): Invalid email request');
  });

  it('tells a permanent refusal of the address (code 406 inactive, 300 invalid) from a passing failure', async () => {
    const inactive = await failure(mailer().send(message(uniqueAddress('inactive'))));
    expect(inactive).toBeInstanceOf(RecipientRefusedError);
    expect(inactive).toMatchObject({ code: 'SERVICE_UNAVAILABLE', refusal: '406' });
    const invalid = await failure(mailer().send(message(uniqueAddress('refused'))));
    expect(invalid).toBeInstanceOf(RecipientRefusedError);
    expect(invalid).toMatchObject({ refusal: '300' });
    expect(invalid.message).toContain("(422, code 300): Invalid 'To' address");
    for (const local of ['rate-limited', 'server-error', 'flaky-1']) {
      expect(await failure(mailer().send(message(uniqueAddress(local))))).not.toBeInstanceOf(RecipientRefusedError);
    }
  });

  it('maps a non-JSON 500 to 503', async () => {
    const error = await failure(mailer().send(message(uniqueAddress('server-error'))));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe('Postmark refused the email (500): no explanation given');
  });
});
