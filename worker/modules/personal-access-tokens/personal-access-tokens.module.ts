import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { personalAccessTokenIds } from './personal-access-tokens.ids.ts';

export const personalAccessTokensModule = defineModule({
  name: 'personal-access-tokens',
  routes: [lazyRoutes(['/me/tokens'], () => import('./personal-access-tokens.routes.ts').then((m) => m.personalAccessTokenRoutes()))],
  ids: [personalAccessTokenIds],
});
