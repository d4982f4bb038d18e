import { useSyncExternalStore } from 'react';

export interface Notification {
  id: number;
  kind: 'error' | 'success';
  message: string;
  /** Shown, folded, with unexpected errors so users can quote it to support. */
  requestId?: string | null;
  /** One thing to do about it, such as undoing what just happened. */
  action?: { label: string; onClick: () => void };
}

const MAX_VISIBLE = 4;
const SUCCESS_TIMEOUT_MS = 3000;
/** Long enough to read the message and reach the undo button. */
const ACTION_TIMEOUT_MS = 8000;

let notifications: Notification[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function dismissNotification(id: number) {
  notifications = notifications.filter((n) => n.id !== id);
  emit();
}

export function addNotification(notification: Omit<Notification, 'id'>): number {
  const id = nextId++;
  notifications = [...notifications, { ...notification, id }].slice(-MAX_VISIBLE);
  emit();
  // Errors stay until dismissed: the request id is only useful if there is time to copy it.
  if (notification.kind === 'success') {
    setTimeout(() => dismissNotification(id), notification.action ? ACTION_TIMEOUT_MS : SUCCESS_TIMEOUT_MS);
  }
  return id;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const getSnapshot = () => notifications;

export function useNotifications(): Notification[] {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
