import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { SessionContext } from '@/features/auth/hooks/use-session';

/** Layout route for every signed-in screen. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    return (
      <main className="center-page">
        <ErrorBanner error={me.error} onRetry={() => me.refetch()} />
      </main>
    );
  }
  if (!me.data) {
    const here = `${location.pathname}${location.search}`;
    return <Navigate to={paths.auth.login.getHref(here)} replace />;
  }

  return (
    <SessionContext value={me.data}>
      <Outlet />
    </SessionContext>
  );
}
