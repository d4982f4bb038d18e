import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';

/** Sign-up, log-in and log-out, email verification, password reset, magic links, email change. */
export const authModule = defineModule({
  name: 'auth',
  routes: [
    lazyRoutes(['/auth/login', '/auth/logout', '/auth/signup', '/me$'], () => import('./auth.routes.ts').then((m) => m.authRoutes())),
    lazyRoutes(['/auth/magic-link', '/auth/password-reset', '/auth/verify-email', '/me/password'], () =>
      import('./email-auth.routes.ts').then((m) => m.emailAuthRoutes()),
    ),
    lazyRoutes(['/auth/email-change', '/me/email'], () => import('./email-change.routes.ts').then((m) => m.emailChangeRoutes())),
  ],
});
