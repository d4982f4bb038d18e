import { t } from '@/lib/i18n';
import { Button } from './button';

interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * Below a paged list: reads the next page and appends it. Nothing once the last page is loaded. The
 * button stays where it is while the page loads, so nothing moves under the pointer.
 */
export function LoadMore({ query }: { query: PagedQuery }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="flex justify-center">
      <Button variant="secondary" isLoading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
        {t('list.loadMore')}
      </Button>
    </div>
  );
}
