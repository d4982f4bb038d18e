import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button, type ButtonSize } from '@/components/ui/button';
import { useDeleteProject } from '../api/delete-project';
import type { Project } from '../api/get-project';
import { t } from '@/lib/i18n';

export function DeleteProjectButton({
  slug,
  project,
  size = 'sm',
  onDeleted,
}: {
  slug: string;
  project: Project;
  size?: ButtonSize;
  onDeleted?: () => void;
}) {
  const remove = useDeleteProject({ onSuccess: () => onDeleted?.() });

  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size={size}>
          {t('deleteProjectButton.delete')}
        </Button>
      }
      title={t('deleteProjectButton.deleteTheProject', { name: project.name })}
      description={t('deleteProjectButton.itDisappearsForEveryone')}
      confirmLabel={t('deleteProjectButton.deleteProject')}
      isPending={remove.isPending}
      onConfirm={() => remove.mutate({ slug, projectId: project.id, name: project.name })}
    />
  );
}
