import { jobRequest } from '../../../queues/enqueue.ts';
import { lazyConsumer } from '../lazy-consumers.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { notificationIds } from './notifications.ids.ts';
import { permissions } from './notifications.permissions.ts';
import { unsubscribeRoutes } from './unsubscribe.routes.ts';

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
  jobs: () => import('./digest.job.ts').then((m) => [m.sendDigests]),
  consumers: [
    lazyConsumer({ name: 'notifications.members', events: ['members.invited', 'members.changed', 'members.role_changed'] }, () =>
      import('./member-notices.consumer.ts').then((m) => m.memberNotices),
    ),
    lazyConsumer({ name: 'notifications.exports', events: ['audit.export_ready'] }, () =>
      import('./workspace-notices.consumer.ts').then((m) => m.exportNotices),
    ),
    lazyConsumer({ name: 'notifications.jobs', events: ['jobs.failed'] }, () =>
      import('./workspace-notices.consumer.ts').then((m) => m.jobNotices),
    ),
    lazyConsumer({ name: 'notifications.billing', events: ['billing.payment_failed'] }, () =>
      import('./workspace-notices.consumer.ts').then((m) => m.billingNotices),
    ),
  ],
  cron: () =>
    import('./digest.job.ts').then((m) => ({
      // Hourly digests leave within a quarter of an hour after the hour; daily ones after midnight (UTC).
      '*/15 * * * *': [jobRequest(m.sendDigests, {})],
    })),
});
