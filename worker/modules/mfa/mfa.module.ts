import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { passkeyRoutes } from './passkeys.routes.ts';
import { mfaRoutes } from './mfa.routes.ts';
import { passkeyIds } from './mfa.ids.ts';

/** Second factors (TOTP, backup codes), passkeys and re-authentication. */
export const mfaModule = defineModule({
  name: 'mfa',
  routes: [
    lazyRoutes(['/auth/mfa', '/me/mfa', '/me/reauthenticate'], mfaRoutes),
    lazyRoutes(['/auth/passkey', '/me/passkeys'], passkeyRoutes),
  ],
  ids: [passkeyIds],
});
