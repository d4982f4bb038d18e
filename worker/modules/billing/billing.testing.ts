import { newUuid } from '../../kernel/ids.ts';
import { createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import type { PaidPlanId } from './billing.plans.ts';

/**
 * Test code only: moving a workspace's trial and plan without waiting for the clock or a payment.
 * Time travel is a write to the trial's end; a plan is a `manual` subscription (the provider-agnostic
 * table's hand-made kind) or, for free, no trial and no subscription.
 */

/** Moves the trial's end `days` into the past (or the future, with a negative number of days). */
export async function backdateTrialEnd(workspaceId: string, days: number) {
  await inspectSql()`update workspace_trial set ends_at = now() - make_interval(days => ${days}::int) where workspace_id = ${workspaceId}`;
}

/** Puts the workspace on a plan: `free` ends its trial as if it never had one; a paid plan is a running manual subscription. */
export async function putOnPlan(workspaceId: string, plan: 'free' | PaidPlanId) {
  const sql = inspectSql();
  await sql`delete from workspace_trial where workspace_id = ${workspaceId}`;
  await sql`delete from subscription where workspace_id = ${workspaceId}`;
  if (plan === 'free') return;
  await sql`insert into subscription (id, workspace_id, payment_provider, plan, status)
    values (${newUuid()}, ${workspaceId}, 'manual', ${plan}, 'active')`;
}

/** A new owner's new workspace, put on `plan`. */
export async function workspaceOn(plan: 'free' | 'pro' | 'team') {
  const owner = await signUp('Olga Owner');
  const ws = await createWorkspace(owner.cookie);
  const id = workspaceUuid(ws.id);
  await putOnPlan(id, plan);
  return { owner, ws, id, base: `/api/v1/w/${ws.slug}` };
}
