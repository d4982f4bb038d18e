import { jobRequest } from '../../../queues/enqueue.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { sendDigests } from './digest.job.ts';
import { memberNotices } from './member-notices.consumer.ts';
import { notificationIds } from './notifications.ids.ts';
import { permissions } from './notifications.permissions.ts';
import { unsubscribeRoutes } from './unsubscribe.routes.ts';
import { billingNotices, exportNotices, jobNotices } from './workspace-notices.consumer.ts';

/**
 * The notification inbox, preferences per kind and channel, one-click unsubscribe and digests
 * (docs/decisions/050-notifications.md). Modules declare their kinds (`notifications` in a manifest);
 * this module's consumers turn published events into notifications.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  routes: [
    lazyRoutes(['/w/{workspace}/notification-preferences', '/w/{workspace}/notifications'], () =>
      import('./notifications.routes.ts').then((m) => m.notificationRoutes()),
    ),
  ],
  pages: [unsubscribeRoutes],
  permissions,
  ids: [notificationIds],
  jobs: [sendDigests],
  consumers: [memberNotices, exportNotices, jobNotices, billingNotices],
  cron: {
    // Hourly digests leave within a quarter of an hour after the hour; daily ones after midnight (UTC).
    '*/15 * * * *': [jobRequest(sendDigests, {})],
  },
});
