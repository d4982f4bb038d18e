import { type FormEvent, type Ref, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { type CreatedAccessToken, useCreateAccessToken } from '../api/create-access-token';

const access = {
  read: { label: 'Read only', scopes: ['read'] },
  write: { label: 'Read and write', scopes: ['read', 'write'] },
} as const;
type Access = keyof typeof access;

const lifetimes = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

export function CreateAccessTokenForm({
  onCreated,
  nameRef,
}: {
  onCreated: (token: CreatedAccessToken) => void;
  nameRef?: Ref<HTMLInputElement>;
}) {
  const [name, setName] = useState('');
  const [level, setLevel] = useState<Access>('read');
  const [days, setDays] = useState('30');
  const create = useCreateAccessToken({
    onSuccess: (token) => {
      setName('');
      onCreated(token);
    },
  });
  const fields = fieldErrorsOf(create.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), scopes: [...access[level].scopes], expires_in_days: Number(days) });
  };

  return (
    <form
      className="flex min-w-0 flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end sm:[&>div:has(>label)]:min-w-48 sm:[&>div:has(>label)]:flex-1"
      noValidate
      onSubmit={onSubmit}
    >
      <TextField
        label="Token name"
        ref={nameRef}
        name="name"
        autoComplete="off"
        required
        placeholder="e.g. laptop CLI"
        value={name}
        onChange={(e) => setName(e.target.value)}
        errors={fields.name}
      />
      <SelectField
        label="Access"
        name="access"
        options={Object.entries(access).map(([value, a]) => ({ value, label: a.label }))}
        value={level}
        onChange={(e) => setLevel(e.target.value === 'write' ? 'write' : 'read')}
        hint="The token acts as you, with at most this access and never more than your role."
        errors={fields.scopes}
      />
      <SelectField
        label="Expires in"
        name="expires_in_days"
        options={lifetimes}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        errors={fields.expires_in_days}
      />
      <FormError error={create.error} shown={['name', 'scopes', 'expires_in_days']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={create.isPending}>
          Create token
        </Button>
      </div>
    </form>
  );
}
