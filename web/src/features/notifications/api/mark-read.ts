import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { notificationsKey } from './get-notifications';

const one = client.api.v1.w[':workspace'].notifications[':id'].read;
const all = client.api.v1.w[':workspace'].notifications['read-all'];

export const markRead = ({ slug, id }: { slug: string; id: string }) =>
  unwrap(one.$post({ param: { workspace: seg(slug), id: seg(id) }, query: {} }));

export const markAllRead = ({ slug }: { slug: string }) => unwrap(all.$post({ param: { workspace: seg(slug) }, query: {} }));

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['notifications', 'mark-read'],
    mutationFn: markRead,
    onSettled: (_data, _error, { slug }) => queryClient.invalidateQueries({ queryKey: notificationsKey(slug) }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['notifications', 'mark-all-read'],
    mutationFn: markAllRead,
    onSettled: (_data, _error, { slug }) => queryClient.invalidateQueries({ queryKey: notificationsKey(slug) }),
  });
}
