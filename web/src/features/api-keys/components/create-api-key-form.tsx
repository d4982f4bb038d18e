import { type FormEvent, type Ref, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { VerifyEmailPrompt } from '@/features/email-auth/components/verify-email-banner';
import { fieldErrorsOf, isApiError } from '@/lib/api-client';
import { type ApiKeyRole, apiKeyRolesFor, type Role } from '@/lib/authorization';
import { type CreatedApiKey, useCreateApiKey } from '../api/create-api-key';

const roleLabel: Record<ApiKeyRole, string> = {
  viewer: 'Viewer (read only)',
  member: 'Member (read and write the workspace’s data)',
  admin: 'Admin (also delete data, manage teams and keys)',
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
  const [name, setName] = useState('');
  const [keyRole, setKeyRole] = useState<ApiKeyRole>(allowed.includes('member') ? 'member' : 'viewer');
  const create = useCreateApiKey({
    onSuccess: (key) => {
      setName('');
      onCreated(key);
    },
  });
  const fields = fieldErrorsOf(create.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ slug, input: { name: name.trim(), role: keyRole } });
  };

  return (
    <form className="form form--row" noValidate onSubmit={onSubmit}>
      <TextField
        label="Key name"
        ref={nameRef}
        name="name"
        autoComplete="off"
        required
        placeholder="e.g. CI deploys"
        value={name}
        onChange={(e) => setName(e.target.value)}
        errors={fields.name}
      />
      <SelectField
        label="Role"
        name="role"
        options={allowed.map((r) => ({ value: r, label: roleLabel[r] }))}
        value={keyRole}
        onChange={(e) => {
          const next = allowed.find((r) => r === e.target.value);
          if (next) setKeyRole(next);
        }}
        hint="A key never gets more access than your own role, and never owner access."
        errors={fields.role}
      />
      {isApiError(create.error) && create.error.code === 'EMAIL_NOT_VERIFIED' ? (
        <VerifyEmailPrompt />
      ) : (
        <FormError error={create.error} shown={['name', 'role']} />
      )}
      <div className="form__actions">
        <Button type="submit" isLoading={create.isPending}>
          Create API key
        </Button>
      </div>
    </form>
  );
}
