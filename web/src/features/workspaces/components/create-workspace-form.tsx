import type { Ref } from 'react';
import { createWorkspaceInput } from '../../../../../worker/modules/workspaces/workspaces.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { blankAsMissing, mergeRefs, useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { useCreateWorkspace, type Workspace } from '../api/create-workspace';

export function CreateWorkspaceForm({
  onSuccess,
  nameRef,
}: {
  onSuccess: (workspace: Workspace) => void;
  nameRef?: Ref<HTMLInputElement>;
}) {
  const create = useCreateWorkspace({ onSuccess });
  const form = useSchemaForm(createWorkspaceInput, { defaultValues: { name: '' }, serverError: create.error });
  const name = form.register('name');
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((values) => create.mutate(values))}>
      <TextField
        label={t('workspaces.name')}
        autoComplete="organization"
        required
        {...name}
        ref={mergeRefs(name.ref, nameRef)}
        errors={form.errorsOf('name')}
      />
      <TextField
        label={t('workspaces.slug')}
        autoComplete="off"
        spellCheck={false}
        {...form.register('slug', { setValueAs: blankAsMissing })}
        hint={t('workspaces.slugHint')}
        errors={form.errorsOf('slug')}
      />
      <FormError error={create.error} shown={['name', 'slug']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={create.isPending}>
          {t('workspaces.create')}
        </Button>
      </div>
    </form>
  );
}
