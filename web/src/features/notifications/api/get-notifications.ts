import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const notifications = client.api.v1.w[':workspace'].notifications;

/** Everything about a person's notifications in a workspace: one key to invalidate after a change. */
export const notificationsKey = (slug: string) => ['workspaces', slug, 'notifications'] as const;

export const getNotifications = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(notifications.$get({ param: { workspace: seg(slug) }, query: { limit: '20' } }, withSignal(signal)));

export const getNotificationsQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: [...notificationsKey(slug), 'list'],
    meta: inlineErrors,
    queryFn: ({ signal }) => getNotifications(slug, { signal }),
  });

export const useNotifications = (slug: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getNotificationsQueryOptions(slug), enabled });

const unread = client.api.v1.w[':workspace'].notifications['unread-count'];

export const getUnreadCount = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(unread.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal)));

/**
 * The bell's count. Until the realtime hub pushes a change, it is refetched every minute and when
 * the window regains focus.
 */
export const useUnreadCount = (slug: string) =>
  useQuery({
    queryKey: [...notificationsKey(slug), 'unread'],
    meta: inlineErrors,
    queryFn: ({ signal }) => getUnreadCount(slug, { signal }),
    refetchInterval: 60_000,
  });
