import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const onboarding = client.api.v1.w[':workspace'].onboarding;

export const onboardingKey = (slug: string) => ['workspaces', slug, 'onboarding'] as const;

export const getOnboarding = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(onboarding.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal)));

export const getOnboardingQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: onboardingKey(slug),
    // A checklist that fails to load simply is not shown; the page itself still works.
    meta: inlineErrors,
    queryFn: ({ signal }) => getOnboarding(slug, { signal }),
    staleTime: 0,
  });

export const useOnboarding = (slug: string) => useQuery(getOnboardingQueryOptions(slug));
