import { useEffect } from 'react';
import { projectInput } from '../../../../../worker/modules/projects/projects.input.ts';
import { Button } from '@/components/ui/button';
import { SelectField, TextareaField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import type { ProjectStatus } from '../api/get-project';

export interface ProjectFormValues {
  name: string;
  description: string;
  status: ProjectStatus;
}

export const emptyProjectValues: ProjectFormValues = {
  name: '',
  description: '',
  status: 'active',
};

const statusOptions = [
  { value: 'active', label: t('projects.status.active') },
  { value: 'archived', label: t('projects.status.archived') },
] as const;

interface ProjectFormProps {
  initialValues: ProjectFormValues;
  submitLabel: string;
  isPending: boolean;
  /** The last failed submission; its `fields` are shown next to the inputs. */
  error: unknown;
  onSubmit: (values: ProjectFormValues) => void;
  onCancel?: () => void;
  /** Opened on purpose (a "Create project" button): typing can start at once. */
  focusName?: boolean;
}

/** Checked with the API's own schema (projects.input.ts) before it is sent. */
export function ProjectForm({ initialValues, submitLabel, isPending, error, onSubmit, onCancel, focusName }: ProjectFormProps) {
  const form = useSchemaForm(projectInput, { defaultValues: initialValues, serverError: error });
  const { setFocus } = form;
  useEffect(() => {
    if (focusName) setFocus('name');
  }, [focusName, setFocus]);

  const submit = form.handleSubmit((values) =>
    onSubmit({ name: values.name, description: (values.description ?? '').trim(), status: values.status ?? 'active' }),
  );

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={submit}>
      <TextField label={t('projects.name')} autoComplete="off" required {...form.register('name')} errors={form.errorsOf('name')} />
      <TextareaField
        label={t('projects.description')}
        rows={3}
        {...form.register('description')}
        hint={t('form.optional')}
        errors={form.errorsOf('description')}
      />
      <SelectField
        label={t('projects.statusLabel')}
        options={statusOptions}
        {...form.register('status')}
        errors={form.errorsOf('status')}
      />
      <FormError error={error} shown={['name', 'description', 'status']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={isPending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel} disabled={isPending}>
            {t('action.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
