import { sql } from 'drizzle-orm';
import { currentWorkspaceId } from '../../db/schema.ts';
import type { ActivationProgress, OnboardingItem } from '../module.ts';
import { project } from './projects.tables.ts';

/** The sample product's "first aha": a workspace with this many live projects has found its value. */
export const ACTIVATION_PROJECT_GOAL = 3;

const liveProjectsIn = (workspaceId: unknown) =>
  sql<number>`(select count(*)::int from ${project} p where p.workspace_id = ${workspaceId} and p.deleted_at is null)`;

/**
 * The aha's rule, as the condition the `workspace.aha` event carries: evaluated in the transaction
 * that created the project, so it counts live projects (deleted ones do not count), not creations.
 */
export const ahaReached = (workspaceId: string) => sql`${liveProjectsIn(workspaceId)} >= ${ACTIVATION_PROJECT_GOAL}`;

export const createProjectItem: OnboardingItem = {
  id: 'create_project',
  title: 'Create a project',
  done: sql<boolean>`${liveProjectsIn(currentWorkspaceId)} > 0`,
};

export const projectsActivation: ActivationProgress = {
  goal: 'projects',
  target: ACTIVATION_PROJECT_GOAL,
  current: sql<number>`least(${liveProjectsIn(currentWorkspaceId)}, ${ACTIVATION_PROJECT_GOAL})`,
};
