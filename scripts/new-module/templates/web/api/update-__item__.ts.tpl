import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { type __Item__, __itemVar__Key } from './get-__item__';
import { __itemVar__ListsKey } from './get-__items__';

const one = client.api.v1.w[':workspace']__itemsProp__[':id'];

export type Update__Item__Input = InferRequestType<typeof one.$patch>['json'];

interface Update__Item__Variables {
  slug: string;
  id: string;
  input: Update__Item__Input;
}

export function useUpdate__Item__({ onSuccess }: { onSuccess?: (updated: __Item__) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['__items__', 'update'],
    mutationFn: ({ slug, id, input }: Update__Item__Variables) =>
      unwrap(one.$patch({ param: { workspace: seg(slug), id: seg(id) }, query: {}, json: input })),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: async (updated, { slug }) => {
      queryClient.setQueryData(__itemVar__Key(slug, updated.id), updated);
      onSuccess?.(updated);
      await queryClient.invalidateQueries({ queryKey: __itemVar__ListsKey(slug) });
    },
  });
}
