import { jobRequest } from '../../../queues/enqueue.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { activateOnAha } from './activation.listener.ts';
import { permissions } from './workspaces.permissions.ts';
import './workspaces.events.ts';

/** Workspaces: creation, settings, lifecycle (delete, restore, purge), onboarding and activation. */
export const workspacesModule = defineModule({
  name: 'workspaces',
  routes: [
    lazyRoutes(['/workspaces'], () => import('./workspaces.routes.ts').then((m) => m.workspaceRoutes())),
    lazyRoutes(['/w/{workspace}$', '/w/{workspace}/restore'], () =>
      import('./workspace-settings.routes.ts').then((m) => m.workspaceSettingsRoutes()),
    ),
    lazyRoutes(['/w/{workspace}/onboarding', '/workspaces/demo'], () => import('./onboarding.routes.ts').then((m) => m.onboardingRoutes())),
  ],
  permissions,
  jobs: () => import('./workspace-purge.job.ts').then((m) => [m.purgeWorkspaces]),
  cron: () => import('./workspace-purge.job.ts').then((m) => ({ '30 2 * * *': [jobRequest(m.purgeWorkspaces, {})] })),
  emits: ['workspace.created'],
  listeners: { 'workspace.aha': [activateOnAha] },
});
