import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const sessions = client.api.v1.me.sessions;

export type SessionList = InferResponseType<typeof sessions.$get, 200>;
export type Session = SessionList['items'][number];

export const sessionsKey = ['me', 'sessions'] as const;

export const getSessions = ({ signal }: { signal?: AbortSignal } = {}) => unwrap(sessions.$get({ query: {} }, withSignal(signal)));

export const getSessionsQueryOptions = () =>
  queryOptions({
    queryKey: sessionsKey,
    // The screen shows a first-load failure itself; later failures still toast.
    meta: inlineErrors,
    queryFn: ({ signal }) => getSessions({ signal }),
  });

export const useSessions = () => useQuery(getSessionsQueryOptions());
