import { sql } from 'drizzle-orm';
import { enqueueAll, type JobQueue, jobRequest } from '../../../queues/enqueue.ts';
import type { QueryBuilder, Statement } from '../../db/client.ts';
import { newUuid } from '../../kernel/ids.ts';
import { parseRecipient } from '../../kernel/mailer.ts';
import { AppError } from '../../kernel/errors.ts';
import { seal } from '../../kernel/secret-box.ts';
import type { mailTemplates } from './mail-templates.ts';
import { outboundMail } from './mail.tables.ts';
import { sendMail } from './send-mail.job.ts';

/** A template the `mail.send` job knows (`mail-templates.ts`). */
export type MailTemplate = keyof typeof mailTemplates;

/** What a template takes from the sender: its function's parameters, less `appOrigin` (the job adds it). */
export type MailParams<T extends MailTemplate> = Omit<Parameters<(typeof mailTemplates)[T]>[0], 'appOrigin'>;

/** The secret-box purpose a mail's parameters are sealed under. */
export const MAIL_PARAMS_PURPOSE = 'outbound-mail-params';

/** How long the writer's relay holds a new row before the sweep may send it (as for outbox events). */
export const RELAY_CLAIM_SECONDS = 120;

/** The request's mail outbox, or 503 when none is wired (services built by hand). */
export function requireMailOutbox(outbox: MailOutbox | undefined): MailOutbox {
  if (!outbox) throw new AppError('SERVICE_UNAVAILABLE', 'Mail is not configured');
  return outbox;
}

export interface MailIntent<T extends MailTemplate> {
  template: T;
  to: string;
  params: MailParams<T>;
  /** Links that sign in, reset or confirm, and notices of account changes: sent despite a suppression. */
  security?: boolean;
}

/**
 * The one way to send an email (docs/decisions/055-mail-through-the-outbox.md). `prepare` seals the
 * mail and returns the insert of its row, which the caller adds to its own batch or transaction
 * (`await insert(tx)` in an interactive one), so the mail commits
 * or rolls back with the change that decided to send it and costs no round trip of its own; the
 * parameters (a token inside a link among them) are sealed. `relay`, after the commit, queues a
 * `mail.send` job per row from memory; a relay that never runs loses nothing, the sweep sends the row
 * once its claim has run out.
 *
 * @example
 * const mail = outboxFor(deps);
 * const welcome = await mail.prepare({ template: 'welcome', to, params: { name } });
 * await system(db, { role: 'owner' }).batch((q) => [write(q), welcome(q)]);
 * await mail.relay(deps.queue);
 */
export class MailOutbox {
  readonly #appSecret: string;
  readonly #pending: string[] = [];

  constructor(appSecret: string) {
    this.#appSecret = appSecret;
  }

  get pending(): number {
    return this.#pending.length;
  }

  async prepare<T extends MailTemplate>(mail: MailIntent<T>): Promise<(q: QueryBuilder) => Statement> {
    const id = newUuid();
    const row = {
      id,
      template: mail.template,
      recipient: parseRecipient(mail.to),
      sealedParams: await seal(this.#appSecret, MAIL_PARAMS_PURPOSE, JSON.stringify(mail.params)),
      security: mail.security ?? false,
    };
    this.#pending.push(id);
    return (q) => q.insert(outboundMail).values({ ...row, claimedUntil: sql`now() + make_interval(secs => ${RELAY_CLAIM_SECONDS})` });
  }

  /**
   * After the commit: one `mail.send` per row written since the last relay. A row whose write rolled
   * back is dropped by the job (it finds no row). Without a queue, or when sending fails, the sweep
   * sends the rows once their claim has run out; the failure is reported, never thrown.
   */
  async relay(queue: JobQueue | undefined, onError?: (error: unknown) => void): Promise<number> {
    const ids = this.#pending.splice(0);
    if (ids.length === 0 || !queue) return 0;
    try {
      await enqueueAll(
        queue,
        ids.map((mail_id) => jobRequest(sendMail, { mail_id })),
      );
      return ids.length;
    } catch (error) {
      onError?.(error);
      return 0;
    }
  }
}
