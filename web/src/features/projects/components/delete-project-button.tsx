import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button, type ButtonSize } from '@/components/ui/button';
import { addNotification } from '@/stores/notifications';
import { useDeleteProject } from '../api/delete-project';
import type { Project } from '../api/get-project';

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
  const remove = useDeleteProject({
    onSuccess: () => {
      addNotification({ kind: 'success', message: `Project “${project.name}” deleted.` });
      onDeleted?.();
    },
  });

  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size={size}>
          Delete
        </Button>
      }
      title={`Delete the project “${project.name}”?`}
      description="It disappears for everyone in this workspace."
      confirmLabel="Delete project"
      isPending={remove.isPending}
      onConfirm={() => remove.mutate({ slug, projectId: project.id })}
    />
  );
}
