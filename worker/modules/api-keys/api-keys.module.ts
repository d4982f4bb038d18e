import { sql } from 'drizzle-orm';
import { apiKey, currentWorkspaceId } from '../../db/schema.ts';
import { defineModule } from '../module.ts';
import { apiKeyRoutes } from './api-keys.routes.ts';
import { permissions } from './api-keys.permissions.ts';

export const apiKeysModule = defineModule({
  name: 'api-keys',
  routes: [apiKeyRoutes],
  permissions,
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
