import type { Services } from '../../env.ts';
import type { Tx } from '../../db/gateway.ts';
import type { ProviderEvent } from '../../kernel/payment-provider.ts';
import { parseRecipient } from '../../kernel/mailer.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { type DunningMail, dunningEmail } from '../mail/templates/billing-dunning.tsx';
import type { DunningStep } from './billing.tables.ts';
import * as repo from './dunning.repo.ts';

/** Failed attempts of one invoice after which the workspace moves to free (Stripe retries over about a week). */
export const DOWNGRADE_AFTER_ATTEMPTS = 3;
/** Days unpaid, counted from the first failure, after which the workspace is suspended, then scheduled for deletion. */
export const SUSPEND_AFTER_DAYS = 30;
export const DELETE_AFTER_DAYS = 60;

/** What telling the owners needs: the mailer and the app's origin for the links. */
type MailDeps = { mailer: Services['mailer']; appOrigin: string | undefined };

const systemActor = { type: 'system', reason: 'dunning' } as const;
const jobContext = (requestId: string): AuditContext => ({ ip: null, userAgent: null, requestId });

/**
 * A payment failed or an invoice was paid (docs/decisions/058-dunning.md), in the transaction that
 * applies the provider's event. A failure records `payment_failed` keyed by invoice and attempt, so a
 * replay of the same attempt, under any event id, mails and audits nothing more; the third attempt
 * also records `downgraded` (the plan in force becomes free). A paid invoice reverses every open step.
 */
export async function applyDunning(
  tx: Tx,
  deps: MailDeps,
  workspaceId: string,
  event: ProviderEvent,
  invoice: { invoiceId: string; attempt: number },
) {
  const context = jobContext(`stripe:${event.id}`);
  if (event.type === 'invoice.payment_failed') {
    if (await repo.recordStep(tx, { workspaceId, invoiceId: invoice.invoiceId, step: 'payment_failed', attempt: invoice.attempt })) {
      await stepTaken(tx, deps, workspaceId, 'payment_failed', { invoice: invoice.invoiceId, attempt: invoice.attempt }, context);
    }
    if (
      invoice.attempt >= DOWNGRADE_AFTER_ATTEMPTS &&
      (await repo.recordStep(tx, { workspaceId, invoiceId: invoice.invoiceId, step: 'downgraded' }))
    ) {
      await stepTaken(tx, deps, workspaceId, 'downgraded', { invoice: invoice.invoiceId, attempt: invoice.attempt }, context);
    }
    return;
  }
  if (event.type === 'invoice.paid') await recover(tx, deps, workspaceId, invoice.invoiceId, context);
}

async function recover(tx: Tx, deps: MailDeps, workspaceId: string, invoiceId: string, context: AuditContext) {
  const reversed = (await repo.reverseOpenSteps(tx, workspaceId)).map((r) => r.step);
  if (reversed.length === 0) return;
  if (reversed.includes('suspended')) await repo.unsuspend(tx, workspaceId);
  if (reversed.includes('deletion_scheduled')) await repo.restore(tx, workspaceId);
  await recordAudit(
    tx,
    {
      workspaceId,
      actor: systemActor,
      action: 'billing.dunning_recovered',
      target: { type: 'workspace', id: workspaceId },
      metadata: { invoice: invoiceId, reversed: [...new Set(reversed)] },
    },
    context,
  );
  await tell(tx, deps, workspaceId, 'recovered');
}

/**
 * The time-driven steps, from cron: 30 days after the first failure still open, suspension; 60 days,
 * deletion scheduled through the soft delete. Each step's key makes a second run a no-op.
 */
export async function escalate(tx: Tx, deps: MailDeps, open: { workspaceId: string; invoiceId: string; failedSince: Date }, now: Date) {
  const days = (now.getTime() - new Date(open.failedSince).getTime()) / 86_400_000;
  const context = jobContext(`dunning:${now.toISOString()}`);
  const detail = { invoice: open.invoiceId, failed_since: new Date(open.failedSince).toISOString() };
  const taken: DunningStep[] = [];
  if (
    days >= SUSPEND_AFTER_DAYS &&
    (await repo.recordStep(tx, { workspaceId: open.workspaceId, invoiceId: open.invoiceId, step: 'suspended' }))
  ) {
    await repo.suspend(tx, open.workspaceId);
    await stepTaken(tx, deps, open.workspaceId, 'suspended', detail, context);
    taken.push('suspended');
  }
  if (
    days >= DELETE_AFTER_DAYS &&
    (await repo.recordStep(tx, { workspaceId: open.workspaceId, invoiceId: open.invoiceId, step: 'deletion_scheduled' }))
  ) {
    await repo.softDelete(tx, open.workspaceId);
    await stepTaken(tx, deps, open.workspaceId, 'deletion_scheduled', detail, context);
    taken.push('deletion_scheduled');
  }
  return taken;
}

async function stepTaken(
  tx: Tx,
  deps: MailDeps,
  workspaceId: string,
  step: DunningStep,
  metadata: Record<string, unknown>,
  context: AuditContext,
) {
  await recordAudit(
    tx,
    { workspaceId, actor: systemActor, action: `billing.dunning_${step}`, target: { type: 'workspace', id: workspaceId }, metadata },
    context,
  );
  await tell(tx, deps, workspaceId, step);
}

/**
 * Mails the owners inside the step's transaction: the step's row commits with it, so a retry after a
 * failure before the commit may mail again, and nothing after the commit does.
 */
async function tell(tx: Tx, deps: MailDeps, workspaceId: string, step: DunningMail) {
  const { workspace, emails } = await repo.ownersToTell(tx, workspaceId);
  if (!workspace || emails.length === 0) return;
  if (!deps.mailer || !deps.appOrigin) throw new Error('Dunning needs the mailer and APP_ORIGIN to tell the owners');
  const mail = await dunningEmail({ step, workspaceName: workspace.name, workspaceSlug: workspace.slug, appOrigin: deps.appOrigin });
  for (const email of emails) await deps.mailer.send({ to: parseRecipient(email, 'email'), ...mail });
}
