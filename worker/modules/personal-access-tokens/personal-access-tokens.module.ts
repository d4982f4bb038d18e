import { defineModule } from '../module.ts';
import { personalAccessTokenIds } from './personal-access-tokens.ids.ts';
import { personalAccessTokenRoutes } from './personal-access-tokens.routes.ts';

export const personalAccessTokensModule = defineModule({
  name: 'personal-access-tokens',
  routes: [personalAccessTokenRoutes],
  ids: [personalAccessTokenIds],
});
