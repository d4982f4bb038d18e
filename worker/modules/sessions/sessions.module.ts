import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { sessionRoutes } from './sessions.routes.ts';
import { sessionIds } from './sessions.ids.ts';

export const sessionsModule = defineModule({
  name: 'sessions',
  routes: [lazyRoutes(['/me/sessions'], sessionRoutes)],
  ids: [sessionIds],
});
