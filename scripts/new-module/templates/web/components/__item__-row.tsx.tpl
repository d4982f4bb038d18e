import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { can, type Role } from '@/lib/authorization';
import { formatDate } from '@/lib/format';
import type { __Item__ } from '../api/get-__item__';
import { __itemVar__Paths } from '../paths';
import { Delete__Item__Button } from './delete-__item__-button';

export function __Item__Row({ slug, role, item }: { slug: string; role: Role; item: __Item__ }) {
  const href = __itemVar__Paths.detail.getHref(slug, item.id);
  return (
    <li className="row" data-testid="__item__-row">
      <div className="row__main">
        <div className="row__title">
          <Link to={href} className="row__name">
            {item.name}
          </Link>
        </div>
        {item.description ? <p className="row__description">{item.description}</p> : null}
        <p className="row__meta">Created {formatDate(item.created_at)}</p>
      </div>
      <div className="row__actions">
        {can(role, '__item__:update') ? (
          <Link to={href} className={buttonClass('secondary', 'sm')}>
            Edit
          </Link>
        ) : null}
        {can(role, '__item__:delete') ? <Delete__Item__Button slug={slug} item={item} /> : null}
      </div>
    </li>
  );
}
