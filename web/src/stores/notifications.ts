import { useSyncExternalStore } from 'react';

export interface Notification {
  id: number;
  kind: 'error' | 'success';
  message: string;
  /** Shown with errors so users can quote it to support; null when no request reached the API. */
  requestId?: string | null;
}

const MAX_VISIBLE = 4;
const SUCCESS_TIMEOUT_MS = 3000;

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
    setTimeout(() => dismissNotification(id), SUCCESS_TIMEOUT_MS);
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
