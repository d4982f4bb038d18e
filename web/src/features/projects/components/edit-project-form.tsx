import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import type { Project } from '../api/get-project';
import { type UpdateProjectInput, useUpdateProject } from '../api/update-project';
import { ProjectForm, type ProjectFormValues } from './project-form';

/** PATCH is partial, so only the fields the user changed are sent. */
function changes(project: Project, values: ProjectFormValues): UpdateProjectInput {
  const input: UpdateProjectInput = {};
  if (values.name !== project.name) input.name = values.name;
  const description = values.description === '' ? null : values.description;
  if (description !== (project.description ?? null)) input.description = description;
  if (values.status !== project.status) input.status = values.status;
  return input;
}

export function EditProjectForm({ slug, project }: { slug: string; project: Project }) {
  const update = useUpdateProject({
    onSuccess: () => addNotification({ kind: 'success', message: t('form.saved') }),
  });

  const onSubmit = (values: ProjectFormValues) => {
    const input = changes(project, values);
    if (Object.keys(input).length === 0) {
      addNotification({ kind: 'success', message: t('form.noChanges') });
      return;
    }
    update.mutate({ slug, projectId: project.id, input });
  };

  return (
    <ProjectForm
      // Remount with fresh values when the saved project changes.
      key={project.updated_at}
      initialValues={{
        name: project.name,
        description: project.description ?? '',
        status: project.status,
      }}
      submitLabel={t('action.save')}
      isPending={update.isPending}
      error={update.error}
      onSubmit={onSubmit}
    />
  );
}
