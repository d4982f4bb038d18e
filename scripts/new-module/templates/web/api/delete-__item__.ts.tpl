import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { __itemVar__Key } from './get-__item__';
import { __itemVar__ListsKey } from './get-__items__';

export function useDelete__Item__({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['__items__', 'delete'],
    mutationFn: ({ slug, id }: { slug: string; id: string }) =>
      unwrap(client.api.v1.w[':workspace']__itemsProp__[':id'].$delete({ param: { workspace: seg(slug), id: seg(id) }, query: {} })),
    onSuccess: async (_data, { slug, id }) => {
      queryClient.removeQueries({ queryKey: __itemVar__Key(slug, id) });
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: __itemVar__ListsKey(slug) });
    },
  });
}
