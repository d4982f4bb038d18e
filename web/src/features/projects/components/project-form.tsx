import { type FormEvent, type Ref, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextareaField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
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
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
] as const;

const isStatus = (value: string): value is ProjectStatus => statusOptions.some((option) => option.value === value);

interface ProjectFormProps {
  initialValues: ProjectFormValues;
  submitLabel: string;
  isPending: boolean;
  /** The last failed submission; its `fields` are shown next to the inputs. */
  error: unknown;
  onSubmit: (values: ProjectFormValues) => void;
  onCancel?: () => void;
  nameRef?: Ref<HTMLInputElement>;
}

export function ProjectForm({ initialValues, submitLabel, isPending, error, onSubmit, onCancel, nameRef }: ProjectFormProps) {
  const [values, setValues] = useState(initialValues);
  const fields = fieldErrorsOf(error);
  const set = <K extends keyof ProjectFormValues>(key: K, value: ProjectFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({ ...values, name: values.name.trim(), description: values.description.trim() });
  };

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={submit}>
      <TextField
        label="Project name"
        ref={nameRef}
        name="name"
        autoComplete="off"
        required
        value={values.name}
        onChange={(e) => set('name', e.target.value)}
        errors={fields.name}
      />
      <TextareaField
        label="Description"
        name="description"
        rows={3}
        value={values.description}
        onChange={(e) => set('description', e.target.value)}
        hint="Optional."
        errors={fields.description}
      />
      <SelectField
        label="Status"
        name="status"
        options={statusOptions}
        value={values.status}
        onChange={(e) => {
          if (isStatus(e.target.value)) set('status', e.target.value);
        }}
        errors={fields.status}
      />
      <FormError error={error} shown={['name', 'description', 'status']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={isPending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel} disabled={isPending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
