import { Link, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { paths } from '@/config/paths';
import { workspaceHome } from '@/config/workspace-features';
import { useRestoreWorkspace } from '../api/restore-workspace';
import { t } from '@/lib/i18n';

/**
 * What a deleted workspace's pages show instead: the API's explanation (with the date it will be
 * removed for good) and, for its owner, the way back.
 */
export function DeletedWorkspace({ slug, message }: { slug: string; message: string }) {
  const navigate = useNavigate();
  const restore = useRestoreWorkspace({
    onSuccess: (restored) => navigate(workspaceHome(restored.slug), { replace: true }),
  });
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('deletedWorkspace.thisWorkspaceWasDeleted')}</h1>
      </div>
      <p>{message}</p>
      <FormError error={restore.error} shown={[]} />
      <div className="flex flex-wrap items-center gap-2">
        <Button isLoading={restore.isPending} onClick={() => restore.mutate(slug)}>
          {t('deletedWorkspace.restoreWorkspace')}
        </Button>
        <Link to={paths.home.getHref()}>{t('deletedWorkspace.goToYourWorkspaces')}</Link>
      </div>
    </div>
  );
}
