import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { __itemVar__Ids } from './__items__.ids.ts';
import { permissions } from './__items__.permissions.ts';

/**
 * __Items_title__: tenant-scoped CRUD with cursor pagination and soft delete. Removable: delete this // @no-attachments
 * __Items_title__: tenant-scoped CRUD with cursor pagination, soft delete and attachments (files of the // @attachments
 * workspace linked to __a_item_words__). Removable: delete this // @attachments
 * folder, `web/src/features/__items__/` and its line in `registry.ts`.
 */
export const __itemsVar__Module = defineModule({
  name: '__items__',
  // Each route file is loaded and built on the first request under its paths, a module of its own in
  // the deployed build (docs/decisions/069-routes-built-on-first-use.md, 075-route-chunks.md).
  routes: [lazyRoutes(['/w/{workspace}/__items__'], () => import('./__items__.routes.ts').then((m) => m.__itemVar__Routes()))], // @no-attachments
  routes: [ // @attachments
    lazyRoutes(['/w/{workspace}/__items__'], () => import('./__items__.routes.ts').then((m) => m.__itemVar__Routes())), // @attachments
    lazyRoutes(['/w/{workspace}/__items__'], () => import('./__items__-attachments.routes.ts').then((m) => m.__itemVar__AttachmentRoutes())), // @attachments
  ], // @attachments
  idempotent: ['/w/{workspace}/__items__'],
  permissions,
  ids: [__itemVar__Ids],
});
