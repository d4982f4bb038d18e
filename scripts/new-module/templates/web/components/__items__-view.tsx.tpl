import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { can, type Role } from '@/lib/authorization';
import { use__Items__ } from '../api/get-__items__';
import { __Item__Row } from './__item__-row';
import { Create__Item__Panel } from './create-__item__-panel';
import { t } from '@/lib/i18n';

export function __Items__View({ slug, role }: { slug: string; role: Role }) {
  const [creating, setCreating] = useState(false);
  const list = use__Items__(slug);
  const canCreate = can(role, '__item__:create');
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const isEmpty = list.isSuccess && items.length === 0;
  const openCreate = () => setCreating(true);

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('__itemVar__.title')}</h1>
        {canCreate && !creating && !isEmpty ? <Button onClick={openCreate}>{t('__itemVar__.new')}</Button> : null}
      </div>
      {creating ? <Create__Item__Panel slug={slug} onClose={() => setCreating(false)} /> : null}
      {list.isPending ? <PageSpinner label={t('__itemVar__.loading')} /> : null}
      {list.isError && items.length === 0 ? <ErrorBanner error={list.error} onRetry={() => list.refetch()} /> : null}
      {isEmpty && !creating ? (
        <EmptyState
          title={t('__itemVar__.empty')}
          description={canCreate ? t('__itemVar__.emptyCanCreate') : t('__itemVar__.emptyCannotCreate')}
          action={canCreate ? { label: t('__itemVar__.new'), onClick: openCreate } : null}
        />
      ) : null}
      {items.length > 0 ? (
        <ul className="flex flex-col divide-y divide-border" aria-label={t('__itemVar__.title')}>
          {items.map((item) => (
            <__Item__Row key={item.id} slug={slug} role={role} item={item} />
          ))}
        </ul>
      ) : null}
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" isLoading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            {t('__itemVar__.loadMore')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
