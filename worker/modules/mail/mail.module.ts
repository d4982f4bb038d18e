import { defineModule } from '../module.ts';
import { devInboxRoutes } from './dev-inbox.routes.ts';

/** Mail templates, and the dev inbox (development and tests only: each route answers 404 elsewhere). */
export const mailModule = defineModule({
  name: 'mail',
  pages: [devInboxRoutes],
});
