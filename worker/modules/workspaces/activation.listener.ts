import type { QueryBuilder, Statement } from '../../db/client.ts';
import type { Listener } from '../../kernel/bus.ts';
import * as repo from './activation.repo.ts';

/** The sample module's activation goal: a workspace is "activated" once it has this many live projects. */
export const ACTIVATION_PROJECT_GOAL = 3;

/**
 * Sets `workspace.activated_at` the first time the workspace reaches the goal. Runs in the
 * transaction that created the project (as the request role, inside that workspace), counts live
 * projects rather than events, and only ever fills an empty column, so replays change nothing.
 */
export const activateOnProjectCreated: Listener<'project.created', QueryBuilder, Statement> = (event, db) => [
  repo.activateWhenProjectsReach(db, event.workspaceId, ACTIVATION_PROJECT_GOAL),
];
