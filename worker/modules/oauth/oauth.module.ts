import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { oauthAccountIds, ssoConnectionIds } from './oauth.ids.ts';
import { permissions } from './oauth.permissions.ts';

/** Sign-in with Google and GitHub, linked identities, and a workspace's single sign-on. */
export const oauthModule = defineModule({
  name: 'oauth',
  // A just-in-time SSO membership is a member joining.
  emits: ['members.changed'],
  routes: [
    lazyRoutes(['/auth/oauth', '/auth/sso', '/me/identities'], () => import('./oauth.routes.ts').then((m) => m.oauthRoutes())),
    lazyRoutes(['/w/{workspace}/sso-connection'], () => import('./sso.routes.ts').then((m) => m.ssoRoutes())),
  ],
  ids: [oauthAccountIds, ssoConnectionIds],
  permissions,
});
