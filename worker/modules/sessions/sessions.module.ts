import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { sessionIds } from './sessions.ids.ts';

export const sessionsModule = defineModule({
  name: 'sessions',
  routes: [lazyRoutes(['/me/sessions'], () => import('./sessions.routes.ts').then((m) => m.sessionRoutes()))],
  ids: [sessionIds],
});
