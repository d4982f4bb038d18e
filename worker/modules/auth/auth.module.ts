import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { emailAuthRoutes } from './email-auth.routes.ts';
import { emailChangeRoutes } from './email-change.routes.ts';
import { authRoutes } from './auth.routes.ts';

/** Sign-up, log-in and log-out, email verification, password reset, magic links, email change. */
export const authModule = defineModule({
  name: 'auth',
  routes: [
    lazyRoutes(['/auth/login', '/auth/logout', '/auth/signup', '/me$'], authRoutes),
    lazyRoutes(['/auth/magic-link', '/auth/password-reset', '/auth/verify-email', '/me/password'], emailAuthRoutes),
    lazyRoutes(['/auth/email-change', '/me/email'], emailChangeRoutes),
  ],
});
