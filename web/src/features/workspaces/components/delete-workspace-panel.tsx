import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { workspaceHome } from '@/config/workspace-features';
import { meQueryKey } from '@/features/auth/api/get-me';
import { isUnexpectedError, messageOf, requestIdOf } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import { useDeleteWorkspace } from '../api/delete-workspace';
import type { WorkspaceSettings } from '../api/get-workspace';
import { restoreWorkspace } from '../api/restore-workspace';
import { Card } from '@/components/ui/card';

/** The owner's danger zone: a soft delete, confirmed by typing the workspace's name, with an undo. */
export function DeleteWorkspacePanel({ workspace }: { workspace: WorkspaceSettings }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The toast outlives this panel (the page changes at once), so the undo talks to the API directly.
  const undo = async (slug: string) => {
    try {
      const restored = await restoreWorkspace(slug);
      queryClient.removeQueries({ queryKey: ['workspaces', slug] });
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await navigate(workspaceHome(restored.slug), { replace: true });
    } catch (error) {
      addNotification({ kind: 'error', message: messageOf(error), ...(isUnexpectedError(error) ? { requestId: requestIdOf(error) } : {}) });
    }
  };
  const remove = useDeleteWorkspace({
    onSuccess: (deleted) => {
      void navigate(paths.workspace.root.getHref(deleted.slug));
      addNotification({
        kind: 'success',
        message: t('deleteWorkspacePanel.workspaceDeleted', { name: deleted.name }),
        action: { label: t('action.undo'), onClick: () => void undo(deleted.slug) },
      });
    },
  });
  const graceEnds = formatDate(new Date(Date.now() + 30 * 86_400_000).toISOString());

  return (
    <Card className="border-danger/40" aria-labelledby="delete-workspace-title">
      <h2 id="delete-workspace-title" className="text-lg font-semibold">
        {t('deleteWorkspacePanel.deleteWorkspace')}
      </h2>
      <p className="text-muted">{t('deleteWorkspacePanel.theWorkspaceDisappearsFor', { graceEnds })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <ConfirmDialog
          trigger={<Button variant="danger">{t('deleteWorkspacePanel.deleteWorkspace')}</Button>}
          title={t('deleteWorkspacePanel.deleteTheWorkspace', { name: workspace.name })}
          description={t('deleteWorkspacePanel.itDisappearsForEvery', { graceEnds })}
          confirmLabel={t('deleteWorkspacePanel.deleteWorkspace')}
          confirmText={workspace.name}
          isPending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(workspace.slug)}
        />
      </div>
    </Card>
  );
}
