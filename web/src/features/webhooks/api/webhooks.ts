import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';
import { inlineErrors } from '@/lib/react-query';

const endpoints = client.api.v1.w[':workspace'].webhooks;
const endpoint = endpoints[':id'];

export type EndpointList = InferResponseType<typeof endpoints.$get, 200>;
export type WebhookEndpoint = EndpointList['items'][number];
export type WebhookEventType = EndpointList['event_types'][number];
export type CreatedEndpoint = InferResponseType<typeof endpoints.$post, 201>;
export type EndpointInput = InferRequestType<typeof endpoints.$post>['json'];
export type DeliveryPage = InferResponseType<(typeof endpoint)['deliveries']['$get'], 200>;
export type Delivery = DeliveryPage['items'][number];

export const DELIVERIES_PAGE_SIZE = 20;

export const endpointsKey = (slug: string) => ['workspaces', slug, 'webhooks'] as const;
export const endpointKey = (slug: string, id: string) => [...endpointsKey(slug), id] as const;
const deliveriesKey = (slug: string, id: string) => [...endpointKey(slug, id), 'deliveries'] as const;

const params = (slug: string, id: string) => ({ param: { workspace: seg(slug), id: seg(id) }, query: {} });

export const useWebhookEndpoints = (slug: string) =>
  useQuery(
    queryOptions({
      queryKey: endpointsKey(slug),
      meta: inlineErrors,
      queryFn: ({ signal }) => unwrap(endpoints.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal))),
    }),
  );

export const useWebhookEndpoint = (slug: string, id: string) =>
  useQuery(
    queryOptions({
      queryKey: endpointKey(slug, id),
      meta: inlineErrors,
      queryFn: ({ signal }) => unwrap(endpoint.$get(params(slug, id), withSignal(signal))),
    }),
  );

/** The endpoint's deliveries, newest first, a page at a time along the API's cursor. */
export const useDeliveries = (slug: string, id: string) =>
  usePagedList(
    pagedQueryOptions(deliveriesKey(slug, id), (cursor, signal) =>
      unwrap(
        endpoint.deliveries.$get(
          {
            param: { workspace: seg(slug), id: seg(id) },
            query: { limit: String(DELIVERIES_PAGE_SIZE), ...(cursor ? { cursor } : {}) },
          },
          withSignal(signal),
        ),
      ),
    ),
  );

/** After any change to one endpoint: its page, the list and its deliveries are read again. */
function useRefresh(slug: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: endpointsKey(slug) });
}

export function useCreateEndpoint(slug: string, { onSuccess }: { onSuccess: (created: CreatedEndpoint) => void }) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationKey: ['webhooks', 'create'],
    meta: inlineErrors,
    mutationFn: (json: EndpointInput) => unwrap(endpoints.$post({ param: { workspace: seg(slug) }, query: {}, json })),
    onSuccess: async (created) => {
      onSuccess(created);
      await refresh();
    },
  });
}

export function useRotateSecret(slug: string, id: string, { onSuccess }: { onSuccess: (secret: string) => void }) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationKey: ['webhooks', 'rotate-secret'],
    meta: inlineErrors,
    mutationFn: () => unwrap(endpoint['rotate-secret'].$post(params(slug, id))),
    onSuccess: async ({ secret }) => {
      onSuccess(secret);
      await refresh();
    },
  });
}

export function useSetEndpointEnabled(slug: string, id: string, { onSuccess }: { onSuccess: () => void }) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationKey: ['webhooks', 'enable'],
    meta: inlineErrors,
    mutationFn: (enabled: boolean) => unwrap(enabled ? endpoint.enable.$post(params(slug, id)) : endpoint.disable.$post(params(slug, id))),
    onSuccess: async () => {
      onSuccess();
      await refresh();
    },
  });
}

export function useDeleteEndpoint(slug: string, id: string, { onSuccess }: { onSuccess: () => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['webhooks', 'delete'],
    meta: inlineErrors,
    mutationFn: () => unwrap(endpoint.$delete(params(slug, id))),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: endpointKey(slug, id) });
      onSuccess();
      await queryClient.invalidateQueries({ queryKey: endpointsKey(slug), exact: true });
    },
  });
}

export function useSendTestEvent(slug: string, id: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationKey: ['webhooks', 'test'],
    mutationFn: () => unwrap(endpoint.test.$post(params(slug, id))),
    onSuccess: refresh,
  });
}

export function useReplayDelivery(slug: string, id: string) {
  const refresh = useRefresh(slug);
  return useMutation({
    mutationKey: ['webhooks', 'replay'],
    mutationFn: (delivery: string) =>
      unwrap(
        endpoint.deliveries[':delivery'].replay.$post({ param: { workspace: seg(slug), id: seg(id), delivery: seg(delivery) }, query: {} }),
      ),
    onSuccess: refresh,
  });
}
