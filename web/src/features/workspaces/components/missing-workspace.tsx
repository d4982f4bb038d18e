import { Navigate, useLocation } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { useWorkspaceSettings } from '../api/get-workspace';
import { DeletedWorkspace } from './deleted-workspace';
import { t } from '@/lib/i18n';

/**
 * A slug the person's workspace list does not have: ask the API what it is. A former slug answers
 * with the workspace (we move to its current slug), a deleted workspace with WORKSPACE_DELETED,
 * anything else is not found.
 */
export function MissingWorkspace({ slug }: { slug: string }) {
  const location = useLocation();
  const lookup = useWorkspaceSettings(slug);
  if (lookup.isPending) return <PageSpinner label={t('missingWorkspace.loadingWorkspace')} />;
  if (lookup.data && lookup.data.slug !== slug) {
    const rest = location.pathname.slice(paths.workspace.root.getHref(slug).length);
    return <Navigate to={`${paths.workspace.root.getHref(lookup.data.slug)}${rest}`} replace />;
  }
  if (isApiError(lookup.error) && lookup.error.code === 'WORKSPACE_DELETED') {
    return <DeletedWorkspace slug={slug} message={lookup.error.message} />;
  }
  return (
    <EmptyState
      title={t('missingWorkspace.workspaceNotFound')}
      description={t('missingWorkspace.itDoesNotExist')}
      action={{ label: t('missingWorkspace.goToYourWorkspaces'), to: paths.home.getHref() }}
    />
  );
}
