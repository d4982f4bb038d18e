import { AppError } from '../../kernel/errors.ts';
import { type Mailer, type MailMessage, parseMessage, RecipientRefusedError } from '../../kernel/mailer.ts';
import { postJson, providerMessage, trimBase } from './shared.ts';

export interface ResendMailerOptions {
  apiKey: string;
  from: string;
  /** Default `https://api.resend.com`; tests point it at a local stand-in. */
  baseUrl?: string | undefined;
}

/**
 * Mail through Resend (`MAIL_PROVIDER=resend`): `POST {base}/emails` with `Authorization: Bearer`,
 * one recipient in `to`, both parts, and the tag as a `category` tag. Answers Resend's `id`.
 * A refusal (non-2xx, `{ statusCode, name, message }`) is a 503 carrying Resend's message; a 422
 * `validation_error` (the address itself is refused) is a `RecipientRefusedError`, not worth retrying.
 *
 * @example
 * const mailer = new ResendMailer({ apiKey: config.RESEND_API_KEY, from: config.MAIL_FROM });
 * await mailer.send({ to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' });
 */
export class ResendMailer implements Mailer {
  readonly provider = 'resend';
  readonly #apiKey: string;
  readonly #from: string;
  readonly #url: string;

  constructor({ apiKey, from, baseUrl = 'https://api.resend.com' }: ResendMailerOptions) {
    this.#apiKey = apiKey;
    this.#from = from;
    this.#url = `${trimBase(baseUrl)}/emails`;
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    const { to, subject, html, text, tag, headers } = parseMessage(message);
    const body = {
      from: this.#from,
      to: [to],
      subject,
      html,
      text,
      ...(tag ? { tags: [{ name: 'category', value: tag }] } : {}),
      ...(headers ? { headers } : {}),
    };
    const answer = await postJson('Resend', this.#url, { authorization: `Bearer ${this.#apiKey}` }, body);
    if (!answer.ok) {
      const reason = providerMessage(answer.json?.message, this.#apiKey);
      if (answer.status === 422 && answer.json?.name === 'validation_error') {
        throw new RecipientRefusedError(`Resend refused the email (422): ${reason}`, 'validation_error');
      }
      throw new AppError('SERVICE_UNAVAILABLE', `Resend refused the email (${answer.status}): ${reason}`);
    }
    const id = answer.json?.id;
    if (typeof id !== 'string' || !id) throw new AppError('SERVICE_UNAVAILABLE', 'Resend answered without an email id');
    return { id };
  }
}
