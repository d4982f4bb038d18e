import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import { projectKey } from './get-project';
import { projectListsKey } from './get-projects';

export interface DeleteProjectVariables {
  slug: string;
  projectId: string;
  /** For the toast that confirms it ("Project “…” deleted.") and offers Undo. */
  name?: string;
}

export const deleteProject = ({ slug, projectId }: DeleteProjectVariables) =>
  unwrap(
    client.api.v1.w[':workspace'].projects[':id'].$delete({
      param: { workspace: seg(slug), id: seg(projectId) },
      query: {},
    }),
  );

/** Undoes a delete (the API keeps a deleted project restorable for 30 days). */
export const restoreProject = ({ slug, projectId }: DeleteProjectVariables) =>
  unwrap(
    client.api.v1.w[':workspace'].projects[':id'].restore.$post({
      param: { workspace: seg(slug), id: seg(projectId) },
      query: {},
    }),
  );

export const deleteProjectMutationOptions = () =>
  mutationOptions({
    mutationKey: ['projects', 'delete'],
    mutationFn: deleteProject,
  });

export function useDeleteProject({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...deleteProjectMutationOptions(),
    onSuccess: async (_data, { slug, projectId, name }) => {
      queryClient.removeQueries({ queryKey: projectKey(slug, projectId) });
      onSuccess?.();
      addNotification({
        kind: 'success',
        message: name ? t('deleteProjectButton.projectDeleted', { name }) : t('projects.deleted'),
        action: {
          label: t('projects.undoDelete'),
          onClick: () =>
            restoreProject({ slug, projectId }).then(
              () => queryClient.invalidateQueries({ queryKey: projectListsKey(slug) }),
              () => addNotification({ kind: 'error', message: t('projects.restoreFailed') }),
            ),
        },
      });
      await queryClient.invalidateQueries({ queryKey: projectListsKey(slug) });
    },
  });
}
