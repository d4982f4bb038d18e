import { type FormEvent, type Ref, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextareaField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
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

export function __Item__Form({ initialValues, submitLabel, isPending, error, onSubmit, onCancel, nameRef }: __Item__FormProps) {
  const [values, setValues] = useState(initialValues);
  const fields = fieldErrorsOf(error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({ name: values.name.trim(), description: values.description.trim() });
  };

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={submit}>
      <TextField
        label={t('__itemVar__.name')}
        ref={nameRef}
        name="name"
        autoComplete="off"
        required
        value={values.name}
        onChange={(e) => setValues({ ...values, name: e.target.value })}
        errors={fields.name}
      />
      <TextareaField
        label={t('__itemVar__.description')}
        name="description"
        rows={3}
        value={values.description}
        onChange={(e) => setValues({ ...values, description: e.target.value })}
        hint={t('form.optional')}
        errors={fields.description}
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
