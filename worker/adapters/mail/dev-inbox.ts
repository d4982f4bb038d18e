import type { DevInbox } from '../../../durable-objects/dev-inbox.ts';
import { type InboxMessage, type MailInbox, type Mailer, type MailMessage, parseMessage } from '../../kernel/mailer.ts';
import type { SentWebhook, WebhookInbox } from '../../kernel/webhook-inbox.ts';

/**
 * The development and test mailer (`MAIL_PROVIDER=dev-inbox`, the default there): nothing leaves
 * the machine; every message is stored in the `DevInbox` Durable Object (binding `DEV_INBOX`) and
 * can be read back, by a person at `/dev/inbox` or by a test through `list`.
 *
 * @example
 * const inbox = new DevInboxMailer(env.DEV_INBOX, 'Edge SaaS <no-reply@example.com>');
 * await inbox.send({ to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' });
 * const [latest] = await inbox.list({ to: 'ada@example.com' });
 */
export class DevInboxMailer implements Mailer, MailInbox {
  readonly provider = 'dev-inbox';
  readonly #namespace: DurableObjectNamespace<DevInbox>;
  readonly #from: string;

  constructor(namespace: DurableObjectNamespace<DevInbox>, from: string) {
    this.#namespace = namespace;
    this.#from = from;
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    const { to, subject, html, text, tag, headers } = parseMessage(message);
    return this.#inbox().deliver({ from: this.#from, to, subject, html, text, tag: tag ?? null, headers: headers ?? {} });
  }

  async list(filter: { to?: string; limit?: number } = {}): Promise<InboxMessage[]> {
    return this.#inbox().list(filter);
  }

  async get(id: string): Promise<InboxMessage | null> {
    return this.#inbox().get(id);
  }

  #inbox() {
    return this.#namespace.get(this.#namespace.idFromName('inbox'));
  }
}

/** The development webhook inbox, kept in the same Durable Object as the dev mail inbox. */
export class DevWebhookInbox implements WebhookInbox {
  readonly #namespace: DurableObjectNamespace<DevInbox>;

  constructor(namespace: DurableObjectNamespace<DevInbox>) {
    this.#namespace = namespace;
  }

  async record(sent: ReadonlyArray<Omit<SentWebhook, 'id' | 'createdAt'>>): Promise<void> {
    await this.#inbox().recordWebhooks([...sent]);
  }

  async list(limit?: number): Promise<SentWebhook[]> {
    return this.#inbox().listWebhooks(limit);
  }

  #inbox() {
    return this.#namespace.get(this.#namespace.idFromName('inbox'));
  }
}
