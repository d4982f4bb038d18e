import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, isApiError, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { meQueryKey, useMe } from '@/features/auth/api/get-me';

const avatar = client.api.v1.me.avatar;

const avatarKey = ['me', 'avatar'] as const;

/**
 * A short inline link to the person's avatar, or null when they have none (their initial is shown).
 * Asked for only when `/me` says there is one, so a person without a picture makes no call for it.
 */
export const useAvatar = () => {
  const hasAvatar = useMe().data?.user.has_avatar ?? false;
  return useQuery(
    queryOptions({
      queryKey: avatarKey,
      enabled: hasAvatar,
      meta: inlineErrors,
      queryFn: async ({ signal }) => {
        try {
          return await unwrap(avatar.$get({ query: {} }, withSignal(signal)));
        } catch (error) {
          if (isApiError(error) && error.status === 404) return null;
          throw error;
        }
      },
      // A signed link lives five minutes: fetch a new one before it runs out.
      staleTime: 4 * 60_000,
      refetchInterval: 4 * 60_000,
    }),
  );
};

/** Makes a clean image the person uploaded to `slug` their avatar; null removes it. */
export function useSetAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['me', 'avatar', 'set'],
    meta: inlineErrors,
    mutationFn: async (target: { slug: string; fileId: string } | null) => {
      if (target === null) {
        await unwrap(avatar.$delete({ query: {} }));
        return;
      }
      await unwrap(
        client.api.v1.w[':workspace'].avatar.$put({ param: { workspace: seg(target.slug) }, query: {}, json: { file_id: target.fileId } }),
      );
    },
    // Removed: no link to keep while `/me` is read again (which also reads the link again when set).
    onSuccess: (_data, target) => {
      if (target === null) queryClient.setQueryData(avatarKey, null);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
