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

  // The frame paints at once; the page's shape fills in while the session is read.
  if (me.isPending) {
    return (
      <div className="flex min-h-dvh">
        <div className="hidden w-64 shrink-0 border-r border-border bg-surface lg:block" />
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="h-14 border-b border-border bg-surface" />
          <div className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 lg:py-8">
            <PageSpinner />
          </div>
        </div>
      </div>
    );
  }
  if (me.isError) {
    return (
      <main className="flex min-h-dvh items-center justify-center p-4">
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
