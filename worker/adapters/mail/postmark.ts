import { AppError } from '../../kernel/errors.ts';
import { type Mailer, type MailMessage, parseMessage, RecipientRefusedError } from '../../kernel/mailer.ts';
import { postJson, providerMessage, trimBase } from './shared.ts';

export interface PostmarkMailerOptions {
  serverToken: string;
  from: string;
  /** Default `https://api.postmarkapp.com`; tests point it at a local stand-in. */
  baseUrl?: string | undefined;
  /** Default `outbound`, Postmark's transactional stream. */
  messageStream?: string;
}

/**
 * Mail through Postmark (`MAIL_PROVIDER=postmark`): `POST {base}/email` with
 * `X-Postmark-Server-Token`, one address in `To`, both parts, on the `outbound` stream. Answers
 * Postmark's `MessageID`. A non-2xx answer or an `ErrorCode` other than 0 is a 503 carrying
 * Postmark's `Message` and code; ErrorCode 406 (inactive recipient) and 300 (invalid email request)
 * refuse the address itself and are a `RecipientRefusedError`, not worth retrying.
 *
 * @example
 * const mailer = new PostmarkMailer({ serverToken: config.POSTMARK_SERVER_TOKEN, from: config.MAIL_FROM });
 * await mailer.send({ to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', tag: 'welcome' });
 */
export class PostmarkMailer implements Mailer {
  readonly provider = 'postmark';
  readonly #token: string;
  readonly #from: string;
  readonly #url: string;
  readonly #stream: string;

  constructor({ serverToken, from, baseUrl = 'https://api.postmarkapp.com', messageStream = 'outbound' }: PostmarkMailerOptions) {
    this.#token = serverToken;
    this.#from = from;
    this.#url = `${trimBase(baseUrl)}/email`;
    this.#stream = messageStream;
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    const { to, subject, html, text, tag, headers } = parseMessage(message);
    const body = {
      From: this.#from,
      To: to,
      Subject: subject,
      HtmlBody: html,
      TextBody: text,
      ...(tag ? { Tag: tag } : {}),
      ...(headers ? { Headers: Object.entries(headers).map(([Name, Value]) => ({ Name, Value })) } : {}),
      MessageStream: this.#stream,
    };
    const answer = await postJson('Postmark', this.#url, { 'x-postmark-server-token': this.#token }, body);
    const code = answer.json?.ErrorCode;
    if (!answer.ok || (code !== undefined && code !== 0)) {
      const reason = providerMessage(answer.json?.Message, this.#token);
      const detail = typeof code === 'number' ? `${answer.status}, code ${code}` : String(answer.status);
      if (code === 406 || code === 300) throw new RecipientRefusedError(`Postmark refused the email (${detail}): ${reason}`, String(code));
      throw new AppError('SERVICE_UNAVAILABLE', `Postmark refused the email (${detail}): ${reason}`);
    }
    const id = answer.json?.MessageID;
    if (typeof id !== 'string' || !id) throw new AppError('SERVICE_UNAVAILABLE', 'Postmark answered without a MessageID');
    return { id };
  }
}
