import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { tokenFamilyIds } from './tokens.ids.ts';
import { jwksRoutes } from './jwks.routes.ts';

/** Access and refresh tokens, and the signing keys' JWKS. */
export const tokensModule = defineModule({
  name: 'tokens',
  routes: [lazyRoutes(['/auth/token'], () => import('./tokens.routes.ts').then((m) => m.tokenRoutes()))],
  ids: [tokenFamilyIds],
  pages: [jwksRoutes],
});
