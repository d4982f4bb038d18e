import { sql } from 'drizzle-orm';
import { currentWorkspaceId } from '../../db/schema.ts';
import { apiKey } from './api-keys.tables.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { deleteApiKeysCreatedBy } from './api-keys.repo.ts';
import { apiKeyIds } from './api-keys.ids.ts';
import { permissions } from './api-keys.permissions.ts';

export const apiKeysModule = defineModule({
  name: 'api-keys',
  routes: [lazyRoutes(['/w/{workspace}/api-keys'], () => import('./api-keys.routes.ts').then((m) => m.apiKeyRoutes()))],
  permissions,
  ids: [apiKeyIds],
  // A person's keys go with their account; the workspace's other keys stay.
  erasure: { workspace: [{ name: 'api_keys', erase: (tx, run) => deleteApiKeysCreatedBy(tx, run.userId) }] },
  onboarding: {
    items: [
      {
        id: 'create_api_key',
        title: 'Create an API key',
        done: sql<boolean>`exists (select 1 from ${apiKey} k where k.workspace_id = ${currentWorkspaceId})`,
      },
    ],
  },
});
