import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors, isRetryable } from '@/lib/react-query';
import { type __Item__, __itemVar__Key } from './get-__item__';
import { __itemVar__ListsKey } from './get-__items__';

const list = client.api.v1.w[':workspace']__itemsProp__;

export type Create__Item__Input = InferRequestType<typeof list.$post>['json'];

interface Create__Item__Variables {
  slug: string;
  input: Create__Item__Input;
  idempotencyKey: string;
}

export function useCreate__Item__({ onSuccess }: { onSuccess?: (created: __Item__) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['__items__', 'create'],
    mutationFn: ({ slug, input, idempotencyKey }: Create__Item__Variables) =>
      unwrap(
        list.$post(
          { param: { workspace: seg(slug) }, query: {}, json: input },
          { headers: { 'Idempotency-Key': idempotencyKey } },
        ),
      ),
    // Safe to retry: the variables carry the same idempotency key.
    retry: (failureCount: number, error: Error) => failureCount < 2 && isRetryable(error),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: async (created, { slug }) => {
      queryClient.setQueryData(__itemVar__Key(slug, created.id), created);
      onSuccess?.(created);
      await queryClient.invalidateQueries({ queryKey: __itemVar__ListsKey(slug) });
    },
  });
}
