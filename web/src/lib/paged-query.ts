import { type InfiniteData, infiniteQueryOptions, type QueryClient, type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { inlineErrors } from './react-query';

/** A page of a list the API paginates with cursors. */
export interface Page<Item> {
  items: Item[];
  next_cursor: string | null;
  has_more: boolean;
}

type PagedData<Item> = InfiniteData<Page<Item>, unknown>;

/**
 * A list read a page at a time along the API's cursor: `fetchPage` gets the cursor of the page to
 * read (null for the first). The screen shows a first-load failure itself; later failures toast.
 */
export const pagedQueryOptions = <Item, Key extends QueryKey>(
  queryKey: Key,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<Item>>,
) =>
  infiniteQueryOptions({
    queryKey,
    meta: inlineErrors,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    getNextPageParam: (lastPage) => (lastPage.has_more ? lastPage.next_cursor : null),
  });

/** The items of every page loaded so far, in the list's order. */
export const loadedItems = <Item>(data: PagedData<Item> | undefined): Item[] => data?.pages.flatMap((page) => page.items) ?? [];

/** A paged list and the items loaded so far; `LoadMore` (components/ui) reads the next page. */
export function usePagedList<Item, Key extends QueryKey>(
  options: ReturnType<typeof pagedQueryOptions<Item, Key>>,
  { enabled = true, pollEveryMs }: { enabled?: boolean; pollEveryMs?: (loaded: Item[]) => number | false } = {},
) {
  const query = useInfiniteQuery({
    ...options,
    enabled,
    ...(pollEveryMs ? { refetchInterval: (q: { state: { data?: PagedData<Item> } }) => pollEveryMs(loadedItems(q.state.data)) } : {}),
  });
  return { query, items: loadedItems(query.data) };
}

/** Changes the loaded items in the cache at once (a revoked key gone, a moved one replaced), before the list is read again. */
export function updateLoadedItems<Item>(queryClient: QueryClient, queryKey: QueryKey, change: (items: Item[]) => Item[]) {
  queryClient.setQueryData<PagedData<Item>>(queryKey, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: change(page.items) })) } : data,
  );
}
