import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { can, type Role } from '@/lib/authorization';
import { formatDate } from '@/lib/format';
import type { __Item__ } from '../api/get-__item__';
import { __itemVar__Paths } from '../paths';
import { Delete__Item__Button } from './delete-__item__-button';
import { t } from '@/lib/i18n';

export function __Item__Row({ slug, role, item }: { slug: string; role: Role; item: __Item__ }) {
  const href = __itemVar__Paths.detail.getHref(slug, item.id);
  return (
    <li className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between" data-testid="__item__-row">
      <div className="flex min-w-0 flex-col gap-0.5">
        <div className="font-medium break-words">
          <Link to={href} className="font-medium break-words">
            {item.name}
          </Link>
        </div>
        {item.description ? <p className="text-sm break-words">{item.description}</p> : null}
        <p className="text-sm text-muted">{t('__itemVar__.created', { when: formatDate(item.created_at) })}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        {can(role, '__item__:update') ? (
          <Link to={href} className={buttonClass('secondary', 'sm')}>
            {t('__itemVar__.edit')}
          </Link>
        ) : null}
        {can(role, '__item__:delete') ? <Delete__Item__Button slug={slug} item={item} /> : null}
      </div>
    </li>
  );
}
