import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { ACTIVATION_PROJECT_GOAL } from './activation.listener.ts';
import * as repo from './onboarding.repo.ts';

/**
 * The first-run checklist of a workspace, each item read from real data in one round trip:
 * a project exists, someone besides the creator is a member, an API key was created.
 */
export async function getOnboarding(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectOnboardingState(http));
  assertCan(scope, 'workspace:read');
  const state = result[0];
  if (!state) throw new AppError('NOT_FOUND', 'Workspace not found');
  const items = [
    { id: 'create_project', title: 'Create a project', done: state.liveProjects > 0 },
    { id: 'invite_teammate', title: 'Invite a teammate', done: state.members > 1 },
    { id: 'create_api_key', title: 'Create an API key', done: state.apiKeys > 0 },
  ];
  return {
    demo: state.isDemo,
    activated_at: state.activatedAt?.toISOString() ?? null,
    activation: { goal: 'projects', target: ACTIVATION_PROJECT_GOAL, current: Math.min(state.liveProjects, ACTIVATION_PROJECT_GOAL) },
    items,
    completed: items.every((item) => item.done),
  };
}
