import { t } from '@/lib/i18n';
import { useIdempotencyKey } from '@/lib/idempotency';
import { type CreateProjectInput, useCreateProject } from '../api/create-project';
import { emptyProjectValues, ProjectForm, type ProjectFormValues } from './project-form';
import { Card } from '@/components/ui/card';

function toInput(values: ProjectFormValues): CreateProjectInput {
  return {
    name: values.name,
    status: values.status,
    ...(values.description ? { description: values.description } : {}),
  };
}

export function CreateProjectPanel({ slug, onClose }: { slug: string; onClose: () => void }) {
  const idempotency = useIdempotencyKey();
  const create = useCreateProject({
    onSuccess: () => {
      idempotency.complete();
      onClose();
    },
  });

  const onSubmit = (values: ProjectFormValues) => {
    const input = toInput(values);
    create.mutate({ slug, input, idempotencyKey: idempotency.keyFor({ slug, input }) });
  };

  return (
    <Card aria-labelledby="new-project-title">
      <h2 className="text-lg font-semibold" id="new-project-title">
        {t('projects.new')}
      </h2>
      <ProjectForm
        initialValues={emptyProjectValues}
        focusName
        submitLabel={t('projects.create')}
        isPending={create.isPending}
        error={create.error}
        onSubmit={onSubmit}
        onCancel={onClose}
      />
    </Card>
  );
}
