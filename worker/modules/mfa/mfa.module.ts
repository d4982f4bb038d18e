import { defineModule } from '../module.ts';
import { passkeyIds } from './mfa.ids.ts';
import { mfaRoutes } from './mfa.routes.ts';
import { passkeyRoutes } from './passkeys.routes.ts';

/** Second factors (TOTP, backup codes), passkeys and re-authentication. */
export const mfaModule = defineModule({
  name: 'mfa',
  routes: [mfaRoutes, passkeyRoutes],
  ids: [passkeyIds],
});
