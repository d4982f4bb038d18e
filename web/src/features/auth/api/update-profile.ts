import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { type MeResponse, meQueryKey } from './get-me';

const me = client.api.v1.me;

export type ProfileChanges = InferRequestType<typeof me.$patch>['json'];

export const updateProfile = (json: ProfileChanges) => unwrap(me.$patch({ query: {}, json }));

export function useUpdateProfile({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['me', 'update'],
    mutationFn: updateProfile,
    meta: inlineErrors,
    onSuccess: ({ user }) => {
      queryClient.setQueryData<MeResponse | null>(meQueryKey, (current) =>
        current ? { ...current, user: { ...current.user, ...user } } : current,
      );
      onSuccess?.();
    },
  });
}
