import { ChevronRight } from 'lucide-react';
import { Link, useMatches } from 'react-router';
import { useDocumentTitle } from '@/lib/document-title';
import { t } from '@/lib/i18n';

/** A route's `handle: { crumb: 'Members' }` puts it in the breadcrumbs and the tab title. */
function crumbOf(handle: unknown): string | undefined {
  return typeof handle === 'object' && handle !== null && 'crumb' in handle && typeof handle.crumb === 'string' ? handle.crumb : undefined;
}

/** Where the page sits (workspace › section › page); the last crumb also names the browser tab. */
export function Breadcrumbs({ root }: { root: { label: string; href: string } | null }) {
  const matches = useMatches();
  const crumbs = matches.flatMap((match) => {
    const label = crumbOf(match.handle);
    return label ? [{ label, href: match.pathname }] : [];
  });
  const trail = root ? [root, ...crumbs] : crumbs;
  useDocumentTitle(...[...trail].reverse().map((c) => c.label));

  return (
    <nav aria-label={t('shell.breadcrumbs')} className="min-w-0 flex-1">
      <ol className="flex min-w-0 items-center gap-1 text-sm">
        {trail.map((crumb, index) => {
          const last = index === trail.length - 1;
          return (
            <li
              key={`${crumb.href}-${crumb.label}`}
              className={last ? 'min-w-0 truncate font-medium' : 'hidden min-w-0 items-center gap-1 sm:flex'}
            >
              {last ? (
                <span aria-current="page">{crumb.label}</span>
              ) : (
                <>
                  <Link to={crumb.href} className="truncate text-muted">
                    {crumb.label}
                  </Link>
                  <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted" />
                </>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
