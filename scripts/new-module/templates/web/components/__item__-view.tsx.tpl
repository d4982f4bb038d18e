import { Link, useNavigate } from 'react-router';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { can, type Role } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { use__Item__ } from '../api/get-__item__';
import { __itemVar__Paths } from '../paths';
import { Delete__Item__Button } from './delete-__item__-button';
import { Edit__Item__Form } from './edit-__item__-form';

export function __Item__View({ slug, role, id }: { slug: string; role: Role; id: string }) {
  const navigate = useNavigate();
  const item = use__Item__(slug, id);
  const listHref = __itemVar__Paths.list.getHref(slug);

  return (
    <div className="page page--narrow">
      <Link to={listHref} className="back-link">
        ← All __items_words__
      </Link>
      {item.isPending ? <PageSpinner label="Loading…" /> : null}
      {item.isError ? <ErrorBanner error={item.error} onRetry={() => item.refetch()} /> : null}
      {item.data ? (
        <>
          <div className="page__header">
            <h1 className="page__title">{item.data.name}</h1>
            {can(role, '__item__:delete') ? (
              <Delete__Item__Button
                slug={slug}
                item={item.data}
                size="md"
                onDeleted={() => navigate(listHref, { replace: true })}
              />
            ) : null}
          </div>
          <div className="card">
            {can(role, '__item__:update') ? (
              <Edit__Item__Form slug={slug} item={item.data} />
            ) : (
              <dl className="details">
                <dt>Name</dt>
                <dd>{item.data.name}</dd>
                <dt>Description</dt>
                <dd>{item.data.description ?? <span className="muted">No description</span>}</dd>
              </dl>
            )}
            <p className="muted small">Last updated {formatDateTime(item.data.updated_at)}</p>
          </div>
        </>
      ) : null}
    </div>
  );
}
