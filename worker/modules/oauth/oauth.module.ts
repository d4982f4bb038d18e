import { defineModule } from '../module.ts';
import { oauthAccountIds, ssoConnectionIds } from './oauth.ids.ts';
import { oauthRoutes } from './oauth.routes.ts';
import { permissions } from './oauth.permissions.ts';
import { ssoRoutes } from './sso.routes.ts';

/** Sign-in with Google and GitHub, linked identities, and a workspace's single sign-on. */
export const oauthModule = defineModule({
  name: 'oauth',
  // A just-in-time SSO membership is a member joining.
  emits: ['members.changed'],
  routes: [oauthRoutes, ssoRoutes],
  ids: [oauthAccountIds, ssoConnectionIds],
  permissions,
});
