import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { tokenFamilyIds } from './tokens.ids.ts';
import { jwksRoutes, tokenRoutes } from './tokens.routes.ts';

/** Access and refresh tokens, and the signing keys' JWKS. */
export const tokensModule = defineModule({
  name: 'tokens',
  routes: [lazyRoutes(['/auth/token'], tokenRoutes)],
  ids: [tokenFamilyIds],
  pages: [jwksRoutes],
});
