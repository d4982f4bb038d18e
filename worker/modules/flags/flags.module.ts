import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { flagOverridesExport } from './flags.export.ts';
import { permissions } from './flags.permissions.ts';

/**
 * Feature flags (docs/decisions/073-feature-flags.md): modules declare theirs (`flags` in a
 * manifest) and check them with `requireFlag`; this module reads the operator's overrides and tells
 * the web app which features are on (`GET /w/{workspace}/flags`).
 */
export const flagsModule = defineModule({
  name: 'flags',
  routes: [lazyRoutes(['/w/{workspace}/flags'], () => import('./flags.routes.ts').then((m) => m.flagRoutes()))],
  permissions,
  personalExport: [flagOverridesExport],
});
