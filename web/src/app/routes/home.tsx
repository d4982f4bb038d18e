import { Navigate } from 'react-router';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { workspaceHome } from '@/config/workspace-features';
import { useMe } from '@/features/auth/api/get-me';
import { preferredWorkspace } from '@/features/workspaces/lib/last-workspace';

/** `/` only decides where to go: log in, first workspace, or the last workspace used. */
export function HomeRoute() {
  const me = useMe();

  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    return (
      <main className="flex min-h-dvh items-center justify-center p-4">
        <ErrorBanner error={me.error} onRetry={() => me.refetch()} />
      </main>
    );
  }
  if (!me.data) return <Navigate to={paths.auth.login.getHref()} replace />;

  const workspace = preferredWorkspace(me.data.memberships);
  if (!workspace) return <Navigate to={paths.workspaces.new.getHref()} replace />;
  return <Navigate to={workspaceHome(workspace.workspace.slug)} replace />;
}
