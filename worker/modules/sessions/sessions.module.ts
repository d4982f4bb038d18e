import { defineModule } from '../module.ts';
import { sessionRoutes } from './sessions.routes.ts';

export const sessionsModule = defineModule({
  name: 'sessions',
  routes: [sessionRoutes],
});
