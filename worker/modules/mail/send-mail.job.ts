import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { enqueueAll, jobRequest } from '../../../queues/enqueue.ts';
import { defineJob, type JobDeps } from '../../../queues/jobs.ts';
import { system } from '../../db/gateway.ts';
import { RecipientRefusedError, requireMailer } from '../../kernel/mailer.ts';
import { unseal } from '../../kernel/secret-box.ts';
import { mailSuppression, outboundMail } from './mail.tables.ts';
import type { Rendered } from './templates/render.ts';

/** The secret-box purpose of a mail's parameters (also in outbound-mail.ts, which imports this file). */
const PARAMS_PURPOSE = 'outbound-mail-params';

/**
 * How long an attempt holds its row from the sweep: longer than the queue's longest retry delay
 * (15 minutes), so a mail waiting for its retry is never queued a second time.
 */
const ATTEMPT_CLAIM_MINUTES = 16;

type Row = typeof outboundMail.$inferSelect;

const settle = (deps: JobDeps, id: string, values: Partial<Row>) =>
  system(deps.db, { role: 'owner' }).query((q) =>
    q
      .update(outboundMail)
      .set({ ...values, sealedParams: null, settledAt: sql`now()`, claimedUntil: null })
      .where(eq(outboundMail.id, id)),
  );

async function render(deps: JobDeps, row: Row): Promise<Rendered> {
  const params = row.sealedParams ? await unseal(deps.config.APP_SECRET, PARAMS_PURPOSE, row.sealedParams) : null;
  if (params === null) throw new Error(`Mail ${row.id}: its parameters cannot be unsealed (was APP_SECRET changed?)`);
  // The templates, and React's renderer behind them, load with the first mail an isolate sends.
  const { mailTemplates } = await import('./mail-templates.ts');
  const template = mailTemplates[row.template as keyof typeof mailTemplates] as ((p: unknown) => Promise<Rendered>) | undefined;
  if (!template) throw new Error(`Mail ${row.id}: unknown template ${row.template}`);
  return template({ ...(JSON.parse(params) as object), appOrigin: deps.config.APP_ORIGIN });
}

/**
 * Sends one mail written by `MailOutbox.intent`: claims the pending row, skips an address on the
 * suppression list (security mail excepted), renders the template here, never in the request, and
 * sends. A provider outage throws, so the queue retries with backoff; a permanent refusal of the
 * address suppresses it and settles the mail as refused, with no retry. A mail already settled (a
 * second delivery of the message) is skipped.
 */
export async function deliverMail(deps: JobDeps, id: string) {
  const [claimed, suppressed] = await system(deps.db, { role: 'owner' }).batch((q) => [
    q
      .update(outboundMail)
      .set({ attempts: sql`${outboundMail.attempts} + 1`, claimedUntil: sql`now() + make_interval(mins => ${ATTEMPT_CLAIM_MINUTES})` })
      .where(and(eq(outboundMail.id, id), eq(outboundMail.status, 'pending')))
      .returning(),
    q
      .select({ refusal: mailSuppression.refusal })
      .from(mailSuppression)
      .where(
        eq(mailSuppression.address, sql`(select lower(${outboundMail.recipient}) from ${outboundMail} where ${outboundMail.id} = ${id})`),
      ),
  ]);
  const row = claimed[0];
  if (!row) return { mail: id, skipped: 'settled already, or never written' };
  if (suppressed[0] && !row.security) {
    await settle(deps, id, { status: 'suppressed', lastError: `Suppressed: the provider refused the address (${suppressed[0].refusal})` });
    return { mail: id, template: row.template, suppressed: true };
  }
  const rendered = await render(deps, row);
  const mailer = requireMailer(deps.services.mailer);
  try {
    const { id: providerId } = await mailer.send({ to: row.recipient, ...rendered });
    await system(deps.db, { role: 'owner' }).batch((q) => [
      q
        .update(outboundMail)
        .set({
          status: 'sent',
          providerMessageId: providerId,
          lastError: null,
          sealedParams: null,
          settledAt: sql`now()`,
          claimedUntil: null,
        })
        .where(eq(outboundMail.id, id)),
      // Accepted: whatever made the provider refuse the address before is over.
      q.delete(mailSuppression).where(eq(mailSuppression.address, row.recipient.toLowerCase())),
    ]);
    return { mail: id, template: row.template, sent: providerId, attempt: row.attempts };
  } catch (error) {
    if (!(error instanceof RecipientRefusedError)) {
      await system(deps.db, { role: 'owner' }).query((q) =>
        q
          .update(outboundMail)
          .set({ lastError: error instanceof Error ? error.message.slice(0, 500) : String(error) })
          .where(eq(outboundMail.id, id)),
      );
      throw error;
    }
    await system(deps.db, { role: 'owner' }).batch((q) => [
      q
        .insert(mailSuppression)
        .values({
          address: row.recipient.toLowerCase(),
          provider: mailer.provider,
          refusal: error.refusal,
          detail: error.message.slice(0, 500),
        })
        .onConflictDoNothing(),
      q
        .update(outboundMail)
        .set({ status: 'refused', lastError: error.message.slice(0, 500), sealedParams: null, settledAt: sql`now()`, claimedUntil: null })
        .where(eq(outboundMail.id, id)),
    ]);
    return { mail: id, template: row.template, refused: error.refusal };
  }
}

export const sendMail = defineJob({
  name: 'mail.send',
  version: 1,
  payload: z.strictObject({ mail_id: z.uuid() }),
  handle: ({ mail_id }, deps) => deliverMail(deps, mail_id),
});

const SWEEP_BATCH = 500;
/** A mail no attempt could send within a day is settled as failed: its links have expired by then. */
const GIVE_UP_HOURS = 24;
/** Settled mail is kept this long, to trace a delivery; then it goes. */
const RETENTION_DAYS = 7;

/**
 * Every minute: queues a `mail.send` for each pending mail whose claim ran out (its relay died, or
 * the queue gave up on it), oldest first, `FOR UPDATE SKIP LOCKED` so two sweeps take disjoint rows;
 * a send that fails rolls the new claims back. Mail pending for a day is settled as failed.
 */
const unclaimed = or(isNull(outboundMail.claimedUntil), lt(outboundMail.claimedUntil, sql`now()`));

export const sweepMail = defineJob({
  name: 'mail.sweep',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, { db, queue }) {
    if (!queue) throw new Error('mail.sweep needs the JOBS queue binding');
    return system(db, { role: 'owner' }).interactive(async (tx) => {
      const expired = await tx
        .update(outboundMail)
        .set({
          status: 'failed',
          sealedParams: null,
          settledAt: sql`now()`,
          lastError: sql`coalesce(${outboundMail.lastError}, 'never sent')`,
        })
        .where(
          and(
            eq(outboundMail.status, 'pending'),
            lt(outboundMail.createdAt, sql`now() - make_interval(hours => ${GIVE_UP_HOURS})`),
            unclaimed,
          ),
        )
        .returning({ id: outboundMail.id });
      const due = await tx
        .select({ id: outboundMail.id })
        .from(outboundMail)
        .where(and(eq(outboundMail.status, 'pending'), unclaimed))
        .orderBy(outboundMail.createdAt)
        .limit(SWEEP_BATCH)
        .for('update', { skipLocked: true });
      if (due.length > 0) {
        await tx
          .update(outboundMail)
          .set({ claimedUntil: sql`now() + make_interval(mins => ${ATTEMPT_CLAIM_MINUTES})` })
          .where(
            inArray(
              outboundMail.id,
              due.map((row) => row.id),
            ),
          );
        await enqueueAll(
          queue,
          due.map((row) => jobRequest(sendMail, { mail_id: row.id })),
        );
      }
      return { queued: due.length, failed: expired.length };
    });
  },
});

export const purgeMail = defineJob({
  name: 'mail.purge',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, { db }) {
    const purged = await system(db, { role: 'owner' }).query((q) =>
      q
        .delete(outboundMail)
        .where(
          and(sql`${outboundMail.status} <> 'pending'`, lt(outboundMail.settledAt, sql`now() - make_interval(days => ${RETENTION_DAYS})`)),
        )
        .returning({ id: outboundMail.id }),
    );
    return { deleted: purged.length, retention_days: RETENTION_DAYS };
  },
});
