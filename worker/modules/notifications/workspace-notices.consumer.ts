import { z } from 'zod';
import type { PublishedEvent } from '../../kernel/bus.ts';
import type { ConsumerHandler } from '../lazy-consumers.ts';
import type { ConsumerDeps } from '../module.ts';
import { notify } from './notify.ts';
import * as repo from './notifications.repo.ts';

const admins = ['owner', 'admin'] as const;

const exportReady = z.object({ requestedBy: z.uuid(), rowCount: z.number().int() });
const jobFailed = z.object({ failureId: z.uuid(), job: z.string() });
const paymentFailed = z.object({ invoiceId: z.string(), attempt: z.number().int() });

/** The event's workspace (its name for the sentence, its slug for the link), after its version is checked. */
async function workspaceOf(event: PublishedEvent, tx: ConsumerDeps['tx']) {
  if (event.version !== 1) throw new Error(`${event.type} version ${event.version} is not known`);
  const [space] = await repo.selectWorkspace(tx);
  return space ?? null;
}

/**
 * The audit module's export is written: the person who asked for it is told (an export requested
 * with an API key publishes nothing). Each consumer below takes one rare event type, so no other
 * event costs a dispatch.
 */
export const exportNotices: ConsumerHandler = async (event, deps) => {
  const space = await workspaceOf(event, deps.tx);
  if (!space) return;
  const p = exportReady.parse(event.payload);
  const entries = p.rowCount === 1 ? '1 entry' : `${p.rowCount} entries`;
  const text = `Your audit log export of ${space.name} is ready to download (${entries})`;
  await notify(event, deps, { kind: 'audit.export_ready', to: { person: p.requestedBy }, text, link: `/w/${space.slug}/settings` });
};

/** A job of the workspace failed on its last attempt: its owners and admins, who may send it again, are told. */
export const jobNotices: ConsumerHandler = async (event, deps) => {
  const space = await workspaceOf(event, deps.tx);
  if (!space) return;
  const p = jobFailed.parse(event.payload);
  const text = `A background job (${p.job}) failed in ${space.name}`;
  await notify(event, deps, { kind: 'job.failed', to: { roles: admins }, text, link: `/w/${space.slug}/settings/failed-jobs` });
};

/** A payment failed: the owners see it in the app (dunning mails them itself). */
export const billingNotices: ConsumerHandler = async (event, deps) => {
  const space = await workspaceOf(event, deps.tx);
  if (!space) return;
  const p = paymentFailed.parse(event.payload);
  const text = `A payment for ${space.name} failed (attempt ${p.attempt}); update the payment method to keep the plan`;
  await notify(event, deps, { kind: 'billing.payment_failed', to: { roles: ['owner'] }, text, link: `/w/${space.slug}/settings` });
};
