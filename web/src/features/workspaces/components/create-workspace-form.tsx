import { type FormEvent, type Ref, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { useCreateWorkspace, type Workspace } from '../api/create-workspace';

export function CreateWorkspaceForm({
  onSuccess,
  nameRef,
}: {
  onSuccess: (workspace: Workspace) => void;
  nameRef?: Ref<HTMLInputElement>;
}) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const create = useCreateWorkspace({ onSuccess });
  const fields = fieldErrorsOf(create.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmedSlug = slug.trim();
    create.mutate({ name: name.trim(), ...(trimmedSlug ? { slug: trimmedSlug } : {}) });
  };

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
      <TextField
        label="Workspace name"
        ref={nameRef}
        name="name"
        autoComplete="organization"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        errors={fields.name}
      />
      <TextField
        label="Slug"
        name="slug"
        autoComplete="off"
        spellCheck={false}
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        hint="Optional. Used in URLs such as /w/acme; made from the name when left empty."
        errors={fields.slug}
      />
      <FormError error={create.error} shown={['name', 'slug']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={create.isPending}>
          Create workspace
        </Button>
      </div>
    </form>
  );
}
