import { defineModule } from '../module.ts';
import { authRoutes } from './auth.routes.ts';
import { emailAuthRoutes } from './email-auth.routes.ts';
import { emailChangeRoutes } from './email-change.routes.ts';

/** Sign-up, log-in and log-out, email verification, password reset, magic links, email change. */
export const authModule = defineModule({
  name: 'auth',
  routes: [authRoutes, emailAuthRoutes, emailChangeRoutes],
});
