import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { t } from '@/lib/i18n';
import { dismissNotification, type Notification, useNotifications } from '@/stores/notifications';
import { Button } from './button';
import { RequestId } from './request-id';

function Toast({ notification }: { notification: Notification }) {
  const isError = notification.kind === 'error';
  const Icon = isError ? CircleAlert : CircleCheck;
  return (
    <div
      className="pointer-events-auto flex w-full items-start gap-3 rounded-lg border border-border bg-surface p-3 text-sm shadow-pop"
      role={isError ? 'alert' : 'status'}
    >
      <Icon aria-hidden="true" className={isError ? 'mt-0.5 size-4 shrink-0 text-danger' : 'mt-0.5 size-4 shrink-0 text-success'} />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="break-words">{notification.message}</p>
        {isError && notification.requestId !== undefined ? <RequestId requestId={notification.requestId} /> : null}
      </div>
      {notification.action ? (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            notification.action?.onClick();
            dismissNotification(notification.id);
          }}
        >
          {notification.action.label}
        </Button>
      ) : null}
      <Button
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label={t('action.dismiss')}
        onClick={() => dismissNotification(notification.id)}
      >
        <X aria-hidden="true" />
      </Button>
    </div>
  );
}

/** Toasts, bottom right (bottom, full width, on phones), newest last. */
export function Notifications() {
  const notifications = useNotifications();
  return (
    <section
      className="pointer-events-none fixed inset-x-3 bottom-3 z-50 flex flex-col gap-2 sm:left-auto sm:w-96"
      aria-label={t('notifications.notifications')}
    >
      {notifications.map((notification) => (
        <Toast key={notification.id} notification={notification} />
      ))}
    </section>
  );
}
