import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { __itemVar__AttachmentRoutes } from './__items__-attachments.routes.ts'; // @attachments
import { __itemVar__Ids } from './__items__.ids.ts';
import { permissions } from './__items__.permissions.ts';
import { __itemVar__Routes } from './__items__.routes.ts';

/**
 * __Items_title__: tenant-scoped CRUD with cursor pagination and soft delete. Removable: delete this // @no-attachments
 * __Items_title__: tenant-scoped CRUD with cursor pagination, soft delete and attachments (files of the // @attachments
 * workspace linked to __a_item_words__). Removable: delete this // @attachments
 * folder, `web/src/features/__items__/` and its line in `registry.ts`.
 */
export const __itemsVar__Module = defineModule({
  name: '__items__',
  // Built on the first request under these paths (docs/decisions/069-routes-built-on-first-use.md).
  routes: [lazyRoutes(['/w/{workspace}/__items__'], __itemVar__Routes)], // @no-attachments
  routes: [lazyRoutes(['/w/{workspace}/__items__'], __itemVar__Routes), lazyRoutes(['/w/{workspace}/__items__'], __itemVar__AttachmentRoutes)], // @attachments
  idempotent: ['/w/{workspace}/__items__'],
  permissions,
  ids: [__itemVar__Ids],
});
