import type { Ref } from 'react';
import { patInput } from '../../../../../worker/modules/personal-access-tokens/personal-access-tokens.input.ts';
import { Button } from '@/components/ui/button';
import { inlineFormClass, SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { mergeRefs, useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { type CreatedAccessToken, useCreateAccessToken } from '../api/create-access-token';

/** The two levels people choose between, as the scopes the API takes. */
const access = {
  read: { label: t('tokens.access.read'), scopes: ['read'] },
  write: { label: t('tokens.access.write'), scopes: ['read', 'write'] },
} as const;

const lifetimes = [
  { value: '7', label: t('tokens.days', { n: 7 }) },
  { value: '30', label: t('tokens.days', { n: 30 }) },
  { value: '90', label: t('tokens.days', { n: 90 }) },
  { value: '365', label: t('tokens.year') },
];

export function CreateAccessTokenForm({
  onCreated,
  nameRef,
}: {
  onCreated: (token: CreatedAccessToken) => void;
  nameRef?: Ref<HTMLInputElement>;
}) {
  const create = useCreateAccessToken({
    onSuccess: (token) => {
      form.resetField('name');
      onCreated(token);
    },
  });
  const form = useSchemaForm(patInput, {
    defaultValues: { name: '', scopes: ['read'], expires_in_days: 30 },
    serverError: create.error,
  });
  const name = form.register('name');
  const level = form.watch('scopes').includes('write') ? 'write' : 'read';
  return (
    <form className={inlineFormClass} noValidate onSubmit={form.handleSubmit((input) => create.mutate(input))}>
      <TextField
        label={t('tokens.name')}
        autoComplete="off"
        required
        placeholder={t('tokens.namePlaceholder')}
        {...name}
        ref={mergeRefs(name.ref, nameRef)}
        errors={form.errorsOf('name')}
      />
      <SelectField
        label={t('tokens.accessLabel')}
        name="access"
        options={Object.entries(access).map(([value, a]) => ({ value, label: a.label }))}
        value={level}
        onChange={(e) => form.setValue('scopes', [...access[e.target.value === 'write' ? 'write' : 'read'].scopes])}
        hint={t('tokens.accessHint')}
        errors={form.errorsOf('scopes')}
      />
      <SelectField
        label={t('tokens.expiresIn')}
        options={lifetimes}
        {...form.register('expires_in_days', { valueAsNumber: true })}
        errors={form.errorsOf('expires_in_days')}
      />
      <FormError error={create.error} shown={['name', 'scopes', 'expires_in_days']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={create.isPending}>
          {t('tokens.create')}
        </Button>
      </div>
    </form>
  );
}
