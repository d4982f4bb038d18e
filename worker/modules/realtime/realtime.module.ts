import { defineModule } from '../module.ts';
import { permissions } from './realtime.permissions.ts';
import { realtimeRoutes } from './realtime.routes.ts';

/**
 * A realtime hub per workspace (docs/decisions/049-workspace-realtime-hub.md): tickets, the WebSocket
 * and event-stream routes and presence. What flows is told to the hub right after each request that
 * published events or revoked access (`realtime.notices.ts`, called from `wiring.ts`), from memory.
 */
export const realtimeModule = defineModule({
  name: 'realtime',
  routes: [realtimeRoutes],
  permissions,
});
