import { isRouteErrorResponse, useRouteError } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { paths } from '@/config/paths';
import { t } from '@/lib/i18n';

/** Last resort for render errors, so one broken screen does not blank the whole app. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <EmptyState
        title={t('routeError.somethingWentWrong')}
        description={t('routeError.thisScreenFailedTo', { detail })}
        action={{ label: t('routeError.goToTheStart'), to: paths.home.getHref() }}
      />
    </main>
  );
}
