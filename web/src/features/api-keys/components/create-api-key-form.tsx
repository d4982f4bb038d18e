import type { Ref } from 'react';
import { apiKeyInput } from '../../../../../worker/modules/api-keys/api-keys.input.ts';
import { Button } from '@/components/ui/button';
import { inlineFormClass, SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { VerifyEmailPrompt } from '@/features/email-auth/components/verify-email-banner';
import { isApiError } from '@/lib/api-client';
import { type ApiKeyRole, apiKeyRolesFor, type Role } from '@/lib/authorization';
import { mergeRefs, useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { type CreatedApiKey, useCreateApiKey } from '../api/create-api-key';

const roleLabel: Record<ApiKeyRole, string> = {
  viewer: t('apiKeys.role.viewer'),
  member: t('apiKeys.role.member'),
  admin: t('apiKeys.role.admin'),
};

export function CreateApiKeyForm({
  slug,
  role,
  onCreated,
  nameRef,
}: {
  slug: string;
  role: Role;
  onCreated: (key: CreatedApiKey) => void;
  nameRef?: Ref<HTMLInputElement>;
}) {
  const allowed = apiKeyRolesFor(role);
  const create = useCreateApiKey({
    onSuccess: (key) => {
      form.reset({ name: '', role: form.getValues('role') });
      onCreated(key);
    },
  });
  const form = useSchemaForm(apiKeyInput, {
    defaultValues: { name: '', role: allowed.includes('member') ? 'member' : 'viewer' },
    serverError: create.error,
  });
  const name = form.register('name');
  return (
    <form className={inlineFormClass} noValidate onSubmit={form.handleSubmit((input) => create.mutate({ slug, input }))}>
      <TextField
        label={t('apiKeys.name')}
        autoComplete="off"
        required
        placeholder={t('apiKeys.namePlaceholder')}
        {...name}
        ref={mergeRefs(name.ref, nameRef)}
        errors={form.errorsOf('name')}
      />
      <SelectField
        label={t('apiKeys.roleLabel')}
        options={allowed.map((r) => ({ value: r, label: roleLabel[r] }))}
        {...form.register('role')}
        hint={t('apiKeys.roleHint')}
        errors={form.errorsOf('role')}
      />
      {isApiError(create.error) && create.error.code === 'EMAIL_NOT_VERIFIED' ? (
        <VerifyEmailPrompt />
      ) : (
        <FormError error={create.error} shown={['name', 'role']} />
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={create.isPending}>
          {t('apiKeys.create')}
        </Button>
      </div>
    </form>
  );
}
