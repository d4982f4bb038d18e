import { defineModule } from '../module.ts';
import { sessionIds } from './sessions.ids.ts';
import { sessionRoutes } from './sessions.routes.ts';

export const sessionsModule = defineModule({
  name: 'sessions',
  routes: [sessionRoutes],
  ids: [sessionIds],
});
