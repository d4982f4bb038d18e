import type { InferResponseType } from 'hono/client';
import { client, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';

const sessions = client.api.v1.me.sessions;

export type Session = InferResponseType<typeof sessions.$get, 200>['items'][number];

export const sessionsKey = ['me', 'sessions'] as const;

export const getSessions = (cursor: string | null, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(sessions.$get({ query: { limit: '50', ...(cursor ? { cursor } : {}) } }, withSignal(signal)));

export const useSessions = () => usePagedList(pagedQueryOptions(sessionsKey, (cursor, signal) => getSessions(cursor, { signal })));
