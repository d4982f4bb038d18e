import { sql } from 'drizzle-orm';
import { currentWorkspaceId, membership } from '../../db/schema.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { membershipIds, inviteIds, teamIds } from './members.ids.ts';
import { permissions } from './members.permissions.ts';
import { notifications, publishes } from './members.events.ts';

/** Members and their roles, invitations, teams. */
export const membersModule = defineModule({
  name: 'members',
  routes: [
    lazyRoutes(['/w/{workspace}/members', '/w/{workspace}/transfer-ownership'], () =>
      import('./members.routes.ts').then((m) => m.memberRoutes()),
    ),
    lazyRoutes(['/invites', '/w/{workspace}/invites'], () => import('./invites.routes.ts').then((m) => m.inviteRoutes())),
    lazyRoutes(['/w/{workspace}/teams'], () => import('./teams.routes.ts').then((m) => m.teamRoutes())),
  ],
  ids: [membershipIds, inviteIds, teamIds],
  // A team made from a flaky connection is retried with its key and made once.
  idempotent: ['/w/{workspace}/teams'],
  permissions,
  emits: ['members.changed', 'members.invited', 'members.role_changed'],
  notifications,
  publishes,
  onboarding: {
    items: [
      {
        id: 'invite_teammate',
        title: 'Invite a teammate',
        done: sql<boolean>`(select count(*) from ${membership} m where m.workspace_id = ${currentWorkspaceId}) > 1`,
      },
    ],
  },
});
