import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const billing = client.api.v1.w[':workspace'].billing;

export type PlanStatus = InferResponseType<typeof billing.plan.$get, 200>;
export type BillingAccount = InferResponseType<typeof billing.$get, 200>;
export type Subscription = NonNullable<BillingAccount['subscription']>;
export type Usage = InferResponseType<typeof billing.usage.$get, 200>;
export type CheckoutInput = InferRequestType<typeof billing.checkout.$post>['json'];

export const billingKey = (slug: string) => ['workspaces', slug, 'billing'] as const;
const planStatusKey = (slug: string) => [...billingKey(slug), 'plan'] as const;
const accountKey = (slug: string) => [...billingKey(slug), 'account'] as const;
const usageKey = (slug: string) => [...billingKey(slug), 'usage'] as const;

const params = (slug: string) => ({ param: { workspace: seg(slug) }, query: {} });

/**
 * The plan in force and the trial, for every member: what the banners and the billing page show.
 * `pollMs` re-reads it while a payment's webhook is awaited (the plan changes only when it arrives).
 */
export const usePlanStatus = (
  slug: string,
  { pollMs }: { pollMs?: number | false | ((query: { state: { data?: PlanStatus } }) => number | false) } = {},
) =>
  useQuery(
    queryOptions({
      queryKey: planStatusKey(slug),
      meta: inlineErrors,
      queryFn: ({ signal }) => unwrap(billing.plan.$get(params(slug), withSignal(signal))),
      refetchInterval: pollMs ?? false,
    }),
  );

/** The subscription behind the plan: people with the billing permission only. */
export const useBillingAccount = (slug: string, { enabled }: { enabled: boolean }) =>
  useQuery(
    queryOptions({
      queryKey: accountKey(slug),
      meta: inlineErrors,
      queryFn: ({ signal }) => unwrap(billing.$get(params(slug), withSignal(signal))),
      enabled,
    }),
  );

export const useUsage = (slug: string) =>
  useQuery(
    queryOptions({
      queryKey: usageKey(slug),
      meta: inlineErrors,
      queryFn: ({ signal }) => unwrap(billing.usage.$get(params(slug), withSignal(signal))),
    }),
  );

/** Hosted Checkout and the portal are other sites: the browser leaves the app for the URL. */
const leaveFor = ({ url }: { url: string }) => window.location.assign(url);

export const useStartCheckout = (slug: string) =>
  useMutation({
    mutationKey: ['billing', 'checkout'],
    meta: inlineErrors,
    mutationFn: (json: CheckoutInput) => unwrap(billing.checkout.$post({ ...params(slug), json })),
    onSuccess: leaveFor,
  });

export const useOpenPortal = (slug: string) =>
  useMutation({
    mutationKey: ['billing', 'portal'],
    meta: inlineErrors,
    mutationFn: () => unwrap(billing.portal.$post(params(slug))),
    onSuccess: leaveFor,
  });

export function useExtendTrial(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['billing', 'extend-trial'],
    meta: inlineErrors,
    mutationFn: () => unwrap(billing.trial.extension.$post(params(slug))),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: billingKey(slug) }),
  });
}

/**
 * When the plan's state changes (a webhook applied, a trial extended), what depends on it is read
 * again: the subscription and the usage limits.
 */
export function useRefreshOnPlanChange(slug: string, state: PlanStatus['state'] | undefined) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!state) return;
    void queryClient.invalidateQueries({ queryKey: accountKey(slug) });
    void queryClient.invalidateQueries({ queryKey: usageKey(slug) });
  }, [queryClient, slug, state]);
}
