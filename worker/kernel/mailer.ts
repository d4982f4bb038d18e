import { AppError } from './errors.ts';

/** One message to one person. `to` must be what `parseRecipient` returned. */
export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** A category for the provider's reporting (`welcome`, `password-reset`…): `[A-Za-z0-9_-]{1,64}`. */
  tag?: string;
  /** The few extra headers a message may carry: the unsubscribe pair of RFC 2369 and RFC 8058. */
  headers?: MailHeaders;
}

/** `List-Unsubscribe: <https://…>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, on mail a person may turn off. */
export interface MailHeaders {
  'List-Unsubscribe'?: string;
  'List-Unsubscribe-Post'?: string;
}

const headerNames: ReadonlySet<string> = new Set(['List-Unsubscribe', 'List-Unsubscribe-Post']);

/**
 * The outgoing-mail seam. Implementations: the dev inbox (a Durable Object, development and tests
 * only), Resend and Postmark (`adapters/mail/`), chosen by `MAIL_PROVIDER` in `wiring.ts`.
 * Every implementation checks the message again with `parseMessage` and sends to exactly one
 * address.
 *
 * @example
 * const { id } = await requireMailer(services.mailer).send({ to: parseRecipient(body.email), ...welcomeEmail({ name, appOrigin }) });
 */
export interface Mailer {
  /** The provider, as `MAIL_PROVIDER` names it: recorded with an address it refuses for good. */
  readonly provider: string;
  send(message: MailMessage): Promise<{ id: string }>;
}

/** A message as the dev inbox stores it. */
export interface InboxMessage extends Required<Omit<MailMessage, 'tag' | 'headers'>> {
  id: string;
  from: string;
  tag: string | null;
  headers: MailHeaders;
  /** ISO 8601. */
  createdAt: string;
}

/** Reads what the dev inbox received; present only in development and tests. */
export interface MailInbox {
  /** Newest first; `to` keeps only messages to that address (compared case-insensitively). */
  list(filter?: { to?: string; limit?: number }): Promise<InboxMessage[]>;
  get(id: string): Promise<InboxMessage | null>;
}

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
// Dot-atom characters, minus those some mail systems still read as routing or delivery
// instructions: `%` and `!` (source routes), `|` and `/` (pipes and files in local aliases).
const localAtom = /^[A-Za-z0-9#$&'*+=?^_`{}~-]+$/;
const domainLabel = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const topLabel = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

function refuse(field: string): never {
  throw new AppError('VALIDATION_FAILED', 'Invalid email address', {
    fields: { [field]: ['must be exactly one plain address, like name@example.com'] },
  });
}

/**
 * Exactly one plain `local@domain` address, returned unchanged, or `VALIDATION_FAILED` naming
 * `field` (never repeating the input). Refused: anything but a string (arrays, objects), display
 * names, quotes, comments, commas, semicolons, angle brackets, whitespace, CR/LF, NUL and other
 * control or non-ASCII characters, more than one `@`, a local part over 64 or an address over
 * 254 characters, and a domain without a dot or with a numeric or one-letter top label.
 * Nothing that could name a second recipient gets through, so the address sent to is the one checked.
 */
export function parseRecipient(input: unknown, field = 'to'): string {
  if (typeof input !== 'string') refuse(field);
  if (input.length === 0 || input.length > MAX_ADDRESS) refuse(field);
  const at = input.indexOf('@');
  if (at < 1 || at !== input.lastIndexOf('@')) refuse(field);
  const local = input.slice(0, at);
  const domain = input.slice(at + 1);
  if (local.length > MAX_LOCAL) refuse(field);
  const atoms = local.split('.');
  if (!atoms.every((atom) => localAtom.test(atom))) refuse(field);
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => domainLabel.test(label))) refuse(field);
  if (!topLabel.test(labels[labels.length - 1] ?? '')) refuse(field);
  return input;
}

/**
 * A sender for `MAIL_FROM`: a plain address or `Display Name <address>`, the address checked by
 * `parseRecipient` and the name free of quotes, angle brackets and control characters.
 * Returns null when it is not one.
 */
export function parseSender(input: string): string | null {
  const named = /^([^"<>\\\p{Cc}]{1,100}) <([^<>]+)>$/u.exec(input);
  try {
    parseRecipient(named ? named[2] : input);
    return input;
  } catch {
    return null;
  }
}

const tagPattern = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_SUBJECT = 998;

/**
 * Checks a message before it leaves: one valid recipient, a one-line subject, both parts present,
 * a plain tag, and only the unsubscribe headers, each one line. Adapters call it first, whatever the caller already checked.
 */
export function parseMessage(message: MailMessage): MailMessage & { to: string } {
  const to = parseRecipient(message.to);
  const { subject, html, text, tag, headers } = message;
  if (typeof subject !== 'string' || !subject.trim() || subject.length > MAX_SUBJECT || /\p{Cc}/u.test(subject)) {
    throw new AppError('VALIDATION_FAILED', 'Invalid email subject', { fields: { subject: ['must be one line of text'] } });
  }
  if (typeof html !== 'string' || typeof text !== 'string' || !html || !text) {
    throw new AppError('VALIDATION_FAILED', 'An email needs an HTML and a plain-text part');
  }
  if (tag !== undefined && !tagPattern.test(tag)) {
    throw new AppError('VALIDATION_FAILED', 'Invalid email tag', { fields: { tag: ['must match [A-Za-z0-9_-]{1,64}'] } });
  }
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!headerNames.has(name) || typeof value !== 'string' || !value || value.length > 2000 || /\p{Cc}/u.test(value)) {
      throw new AppError('VALIDATION_FAILED', 'Invalid email header', {
        fields: { headers: [`${name} is not a header a message may carry`] },
      });
    }
  }
  return { to, subject, html, text, ...(tag === undefined ? {} : { tag }), ...(headers === undefined ? {} : { headers }) };
}

/** The mailer a feature needs, or 503 when none is wired. */
export function requireMailer(mailer: Mailer | undefined): Mailer {
  if (!mailer) throw new AppError('SERVICE_UNAVAILABLE', 'Mail is not configured');
  return mailer;
}

/**
 * The provider refused the recipient for good (its documented permanent answers: Resend's 422
 * `validation_error`, Postmark's ErrorCode 406 inactive recipient and 300 invalid email request).
 * Still a 503 to a caller, like every refusal; the mail job records the address as suppressed and
 * does not try again (modules/mail/send-mail.job.ts).
 */
export class RecipientRefusedError extends AppError {
  constructor(
    message: string,
    /** The provider's own name for the refusal: `validation_error`, `406`, `300`. */
    readonly refusal: string,
  ) {
    super('SERVICE_UNAVAILABLE', message);
  }
}

/** How long an adapter waits for a provider before answering 503. */
export const MAIL_TIMEOUT_MS = 10_000;
