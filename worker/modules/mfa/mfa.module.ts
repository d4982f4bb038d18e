import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { passkeyIds } from './mfa.ids.ts';

/** Second factors (TOTP, backup codes), passkeys and re-authentication. */
export const mfaModule = defineModule({
  name: 'mfa',
  routes: [
    lazyRoutes(['/auth/mfa', '/me/mfa', '/me/reauthenticate'], () => import('./mfa.routes.ts').then((m) => m.mfaRoutes())),
    lazyRoutes(['/auth/passkey', '/me/passkeys'], () => import('./passkeys.routes.ts').then((m) => m.passkeyRoutes())),
  ],
  ids: [passkeyIds],
});
