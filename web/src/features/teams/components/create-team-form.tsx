import { type FormEvent, type Ref, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { useCreateTeam } from '../api/create-team';

export function CreateTeamForm({ slug, nameRef }: { slug: string; nameRef?: Ref<HTMLInputElement> }) {
  const [name, setName] = useState('');
  const create = useCreateTeam({ onSuccess: () => setName('') });
  const fields = fieldErrorsOf(create.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ slug, name: name.trim() });
  };
  return (
    <form
      className="flex min-w-0 flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end sm:[&>div:has(>label)]:min-w-48 sm:[&>div:has(>label)]:flex-1"
      noValidate
      onSubmit={onSubmit}
    >
      <TextField
        label="Team name"
        ref={nameRef}
        name="name"
        autoComplete="off"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        errors={fields.name}
      />
      <FormError error={create.error} shown={['name']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={create.isPending}>
          Create team
        </Button>
      </div>
    </form>
  );
}
