import { defineModule } from '../module.ts';
import { jwksRoutes, tokenRoutes } from './tokens.routes.ts';

/** Access and refresh tokens, and the signing keys' JWKS. */
export const tokensModule = defineModule({
  name: 'tokens',
  routes: [tokenRoutes],
  pages: [jwksRoutes],
});
