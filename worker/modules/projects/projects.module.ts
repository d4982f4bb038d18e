import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { createProjectItem, projectsActivation } from './projects.activation.ts';
import { projectsDemoSeed } from './projects.demo.ts';
import { projectsExport } from './projects.export.ts';
import { flags } from './projects.flags.ts';
import { projectIds } from './projects.ids.ts';
import { permissions } from './projects.permissions.ts';

const publicProjectId = z.string().regex(/^prj_[0-9a-z]+$/);

declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    /** `project_id` is the public id (`prj_…`): published payloads leave the process, uuids never do. */
    'project.created': { workspaceId: string; project_id: string };
    /** `onlyIf`: the project still exists after the update (a batched write that found nothing announces nothing). */
    'project.updated': { workspaceId: string; project_id: string; onlyIf: SQL };
    'project.deleted': { workspaceId: string; project_id: string };
  }
}

/**
 * The sample product module: tenant-scoped CRUD with cursor pagination and soft delete, a CSV import
 * run as a job people can watch, and attachments (files of the workspace linked to a project). Removable:
 * delete this folder, `web/src/features/projects/` and its line in `registry.ts`.
 */
export const projectsModule = defineModule({
  name: 'projects',
  // Each route file is loaded and built on the first request under its paths, a module of its own in
  // the deployed build (docs/decisions/069-routes-built-on-first-use.md, 075-route-chunks.md).
  routes: [
    lazyRoutes(['/w/{workspace}/projects'], () => import('./projects.routes.ts').then((m) => m.projectRoutes())),
    lazyRoutes(['/w/{workspace}/projects'], () => import('./project-attachments.routes.ts').then((m) => m.projectAttachmentRoutes())),
  ],
  idempotent: ['/w/{workspace}/projects'],
  permissions,
  ids: [projectIds],
  jobs: () => import('./projects-import.job.ts').then((m) => [m.importProjects]),
  emits: ['project.created', 'project.updated', 'project.deleted', 'workspace.aha'],
  publishes: {
    'project.created': {
      // 2: the project's public id as `project_id` (1 carried its database id as `projectId`).
      version: 2,
      summary: 'A project was created',
      payload: z.strictObject({
        project_id: publicProjectId.describe('The new project, as the API names it (`prj_…`)'),
      }),
    },
    'project.updated': {
      version: 1,
      summary: 'A project was renamed, described or archived',
      payload: z.strictObject({ project_id: publicProjectId.describe('The project, as the API names it (`prj_…`)') }),
    },
    'project.deleted': {
      version: 1,
      summary: 'A project was deleted',
      payload: z.strictObject({ project_id: publicProjectId.describe('The project, as the API names it (`prj_…`)') }),
    },
  },
  flags,
  onboarding: { items: [createProjectItem], activation: projectsActivation },
  personalExport: [projectsExport],
  demoSeed: projectsDemoSeed,
});
