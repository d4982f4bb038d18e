import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import { defineModule } from '../module.ts';
import { createProjectItem, projectsActivation } from './projects.activation.ts';
import { projectsDemoSeed } from './projects.demo.ts';
import { projectsExport } from './projects.export.ts';
import { projectIds } from './projects.ids.ts';
import { permissions } from './projects.permissions.ts';
import { projectRoutes } from './projects.routes.ts';

declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'project.created': { workspaceId: string; projectId: string };
    /** `onlyIf`: the project still exists after the update (a batched write that found nothing announces nothing). */
    'project.updated': { workspaceId: string; projectId: string; onlyIf: SQL };
    'project.deleted': { workspaceId: string; projectId: string };
  }
}

/**
 * The sample product module: tenant-scoped CRUD with cursor pagination and soft delete. Removable:
 * delete this folder, `web/src/features/projects/` and its line in `registry.ts`.
 */
export const projectsModule = defineModule({
  name: 'projects',
  routes: [projectRoutes],
  idempotent: ['/w/{workspace}/projects'],
  permissions,
  ids: [projectIds],
  emits: ['project.created', 'project.updated', 'project.deleted', 'workspace.aha'],
  publishes: {
    'project.created': {
      version: 1,
      summary: 'A project was created',
      payload: z.strictObject({ projectId: z.uuid().describe('The new project (its database id)') }),
    },
    'project.updated': {
      version: 1,
      summary: 'A project was renamed, described or archived',
      payload: z.strictObject({ projectId: z.uuid().describe('The project (its database id)') }),
    },
    'project.deleted': {
      version: 1,
      summary: 'A project was deleted',
      payload: z.strictObject({ projectId: z.uuid().describe('The project (its database id)') }),
    },
  },
  onboarding: { items: [createProjectItem], activation: projectsActivation },
  personalExport: [projectsExport],
  demoSeed: projectsDemoSeed,
});
