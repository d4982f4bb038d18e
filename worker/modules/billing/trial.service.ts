import type { Scope, TenantGateway } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { plans, trial } from './billing.plans.ts';
import * as repo from './billing.repo.ts';
import { planOf } from '../entitlements.ts';

/**
 * What a banner needs, readable by every member: the plan in force, whether the workspace is
 * read-only, the trial's end and whether its extension can still be taken. One round trip: the plan
 * and state come with the credential check, the trial's row with the same request.
 */
export async function getPlanStatus(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectTrial(http));
  assertCan(scope, 'billing:read');
  const billing = scope.workspace?.billing;
  const state = billing?.state ?? 'free';
  const row = result[0];
  const plan = plans[planOf(scope.workspace)];
  return {
    plan: plan.id,
    state,
    read_only: state === 'trial_ended',
    trial: row
      ? {
          plan: row.plan,
          started_at: row.startedAt.toISOString(),
          ends_at: row.endsAt.toISOString(),
          extended: row.extendedAt !== null,
          extension_available: extensionAvailable(scope) && row.extendedAt === null,
          extension_days: trial.extensionDays,
        }
      : null,
    features: {
      sso: plan.features.sso,
      audit_log_export: plan.features.auditLogExport,
      priority_support: plan.features.prioritySupport,
    },
    limits: { members: plan.limits.members, projects: plan.limits.projects },
  };
}

/** A trial may be extended while it runs or after it ended, never once the workspace subscribed. */
const extensionAvailable = (scope: Scope) => {
  const state = scope.workspace?.billing.state;
  return state === 'trialing' || state === 'trial_ended';
};

/** The owner's check before extending: refusals name why (no trial, already extended, subscribed). */
function authorizeExtension(scope: Scope): string {
  const workspaceId = assertCan(scope, 'billing:manage');
  const billing = scope.workspace?.billing;
  if (billing?.state === 'subscribed')
    throw new AppError('ALREADY_SUBSCRIBED', 'This workspace has a subscription: there is no trial to extend');
  if (!billing?.trialEndsAt || !extensionAvailable(scope)) throw new AppError('NO_TRIAL', 'This workspace has no trial to extend');
  if (billing.trialExtended) {
    throw new AppError('TRIAL_ALREADY_EXTENDED', 'The trial has already been extended once; choose a plan to keep going', {
      upgrade: { reason: 'trial_ended' },
    });
  }
  return workspaceId;
}

/**
 * "Need more time?": the trial's one free extension, by `trial.extensionDays` (from now when it has
 * already ended, which lifts the read-only mode). Owners only. The extension and its audit entry
 * commit together; of two racing extensions one matches the row, the other is refused and writes
 * nothing.
 */
export async function extendTrial(gateway: TenantGateway, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    const workspaceId = authorizeExtension(scope);
    const [row] = await repo.extendTrial(tx, trial.extensionDays);
    if (!row) throw new AppError('TRIAL_ALREADY_EXTENDED', 'The trial has already been extended once; choose a plan to keep going');
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'billing.trial_extended', target: { type: 'workspace', id: workspaceId } },
      context,
    );
    return { ends_at: row.endsAt.toISOString() };
  });
}
