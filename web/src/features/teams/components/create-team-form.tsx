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
    <form className="form form--row" noValidate onSubmit={onSubmit}>
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
      <div className="form__actions">
        <Button type="submit" isLoading={create.isPending}>
          Create team
        </Button>
      </div>
    </form>
  );
}
