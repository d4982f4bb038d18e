import type { Ref } from 'react';
import { __itemVar__Input } from '../../../../../worker/modules/__items__/__items__.input.ts';
import { Button } from '@/components/ui/button';
import { TextareaField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { mergeRefs, useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';

export interface __Item__FormValues {
  name: string;
  description: string;
}

interface __Item__FormProps {
  initialValues: __Item__FormValues;
  submitLabel: string;
  isPending: boolean;
  /** The last failed submission; its `fields` are shown next to the inputs. */
  error: unknown;
  onSubmit: (values: __Item__FormValues) => void;
  onCancel?: () => void;
  nameRef?: Ref<HTMLInputElement>;
}

/** Checked with the API's own schema (__items__.input.ts) before it is sent. */
export function __Item__Form({ initialValues, submitLabel, isPending, error, onSubmit, onCancel, nameRef }: __Item__FormProps) {
  const form = useSchemaForm(__itemVar__Input, { defaultValues: initialValues, serverError: error });
  const name = form.register('name');
  const submit = form.handleSubmit((values) => onSubmit({ name: values.name, description: (values.description ?? '').trim() }));

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={submit}>
      <TextField
        label={t('__itemVar__.name')}
        autoComplete="off"
        required
        {...name}
        ref={mergeRefs(name.ref, nameRef)}
        errors={form.errorsOf('name')}
      />
      <TextareaField
        label={t('__itemVar__.description')}
        rows={3}
        {...form.register('description')}
        hint={t('form.optional')}
        errors={form.errorsOf('description')}
      />
      <FormError error={error} shown={['name', 'description']} />
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
