import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { activationProgress, onboardingItems } from '../assembly.ts';
import * as repo from './onboarding.repo.ts';

/**
 * The first-run checklist of a workspace, each item contributed by a module and read from real data
 * in one round trip (the platform's: invite a teammate, create an API key; a product's: e.g. create
 * a project), with the progress towards the product's "first aha" when a module defines one.
 */
export async function getOnboarding(gateway: TenantGateway) {
  const contributed = onboardingItems();
  const activation = activationProgress();
  const { scope, result } = await gateway.read((http) =>
    repo.selectOnboardingState(
      http,
      contributed.map((item) => item.done),
      activation?.current ?? null,
    ),
  );
  assertCan(scope, 'workspace:read');
  const state = result[0];
  if (!state) throw new AppError('NOT_FOUND', 'Workspace not found');
  const items = contributed.map((item, index) => ({ id: item.id, title: item.title, done: state.done[index] === true }));
  return {
    demo: state.isDemo,
    activated_at: state.activatedAt?.toISOString() ?? null,
    activation: activation ? { goal: activation.goal, target: activation.target, current: state.progress } : null,
    items,
    completed: items.every((item) => item.done),
  };
}
