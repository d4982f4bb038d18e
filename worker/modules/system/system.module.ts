import { defineModule } from '../module.ts';
import { healthRoutes } from './system.routes.ts';

/** `/health`; the API reference (`/api/v1/docs`) is served by the app itself, from every module's routes. */
export const systemModule = defineModule({
  name: 'system',
  pages: [healthRoutes],
});
