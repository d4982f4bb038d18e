import { dismissNotification, type Notification, useNotifications } from '@/stores/notifications';
import { RequestId } from './request-id';

function Toast({ notification }: { notification: Notification }) {
  const isError = notification.kind === 'error';
  return (
    <div className={`toast toast--${notification.kind}`} role={isError ? 'alert' : 'status'}>
      <div className="toast__body">
        <p className="toast__message">{notification.message}</p>
        {isError ? <RequestId requestId={notification.requestId} /> : null}
      </div>
      <button type="button" className="toast__close" aria-label="Dismiss notification" onClick={() => dismissNotification(notification.id)}>
        ×
      </button>
    </div>
  );
}

export function Notifications() {
  const notifications = useNotifications();
  return (
    <section className="toasts" aria-label="Notifications">
      {notifications.map((notification) => (
        <Toast key={notification.id} notification={notification} />
      ))}
    </section>
  );
}
