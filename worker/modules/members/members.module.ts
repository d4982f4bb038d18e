import { sql } from 'drizzle-orm';
import { currentWorkspaceId, membership } from '../../db/schema.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { memberRoutes } from './members.routes.ts';
import { teamRoutes } from './teams.routes.ts';
import { inviteRoutes } from './invites.routes.ts';
import { membershipIds, inviteIds, teamIds } from './members.ids.ts';
import { permissions } from './members.permissions.ts';
import { notifications, publishes } from './members.events.ts';

/** Members and their roles, invitations, teams. */
export const membersModule = defineModule({
  name: 'members',
  routes: [
    lazyRoutes(['/w/{workspace}/members', '/w/{workspace}/transfer-ownership'], memberRoutes),
    lazyRoutes(['/invites', '/w/{workspace}/invites'], inviteRoutes),
    lazyRoutes(['/w/{workspace}/teams'], teamRoutes),
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
