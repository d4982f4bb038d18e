import { Link, useNavigate } from 'react-router';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { can, type Role } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { use__Item__ } from '../api/get-__item__';
import { __itemVar__Paths } from '../paths';
import { Delete__Item__Button } from './delete-__item__-button';
import { Edit__Item__Form } from './edit-__item__-form';
import { t } from '@/lib/i18n';

export function __Item__View({ slug, role, id }: { slug: string; role: Role; id: string }) {
  const navigate = useNavigate();
  const item = use__Item__(slug, id);
  const listHref = __itemVar__Paths.list.getHref(slug);

  return (
    <div className="mx-auto flex w-full max-w-xl min-w-0 flex-col gap-6">
      <Link to={listHref} className="inline-flex items-center gap-1 text-sm text-muted">
        {t('__itemVar__.all')}
      </Link>
      {item.isPending ? <PageSpinner label={t('__itemVar__.loadingOne')} /> : null}
      {item.isError ? <ErrorBanner error={item.error} onRetry={() => item.refetch()} /> : null}
      {item.data ? (
        <>
          <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <h1 className="text-2xl font-semibold tracking-tight">{item.data.name}</h1>
            {can(role, '__item__:delete') ? (
              <Delete__Item__Button
                slug={slug}
                item={item.data}
                size="md"
                onDeleted={() => navigate(listHref, { replace: true })}
              />
            ) : null}
          </div>
          <div className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6">
            {can(role, '__item__:update') ? (
              <Edit__Item__Form slug={slug} item={item.data} />
            ) : (
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr] [&_dt]:text-muted [&_dd]:min-w-0 [&_dd]:break-words">
                <dt>{t('__itemVar__.name')}</dt>
                <dd>{item.data.name}</dd>
                <dt>{t('__itemVar__.description')}</dt>
                <dd>{item.data.description ?? <span className="text-muted">{t('__itemVar__.noDescription')}</span>}</dd>
              </dl>
            )}
            <p className="text-sm text-muted">{t('__itemVar__.lastUpdated', { when: formatDateTime(item.data.updated_at) })}</p>
          </div>
        </>
      ) : null}
    </div>
  );
}
