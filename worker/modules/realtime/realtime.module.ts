import { lazyConsumer } from '../lazy-consumers.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { realtimeConsumerName } from './realtime.notices.ts';
import { permissions } from './realtime.permissions.ts';

/**
 * A realtime hub per workspace (docs/decisions/049-workspace-realtime-hub.md): tickets, the WebSocket
 * and event-stream routes, heartbeats and presence. Published events reach the hub through the outbox
 * and the queue (`realtimeBroadcast`), only in workspaces where someone may be connected; revocations
 * are told right after the request that decided them (`realtime.notices.ts`, called from `wiring.ts`).
 */
export const realtimeModule = defineModule({
  name: 'realtime',
  routes: [lazyRoutes(['/w/{workspace}/realtime'], () => import('./realtime.routes.ts').then((m) => m.realtimeRoutes()))],
  permissions,
  consumers: [
    lazyConsumer({ name: realtimeConsumerName, events: '*', when: 'workspace-interest' }, () =>
      import('./realtime.consumer.ts').then((m) => m.realtimeBroadcast),
    ),
  ],
});
