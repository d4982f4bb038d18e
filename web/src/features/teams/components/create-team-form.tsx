import type { Ref } from 'react';
import { teamNameInput } from '../../../../../worker/modules/members/members.input.ts';
import { Button } from '@/components/ui/button';
import { inlineFormClass, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { mergeRefs, useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { useCreateTeam } from '../api/create-team';

export function CreateTeamForm({ slug, nameRef }: { slug: string; nameRef?: Ref<HTMLInputElement> }) {
  const create = useCreateTeam({ onSuccess: () => form.reset() });
  const form = useSchemaForm(teamNameInput, { defaultValues: { name: '' }, serverError: create.error });
  const name = form.register('name');
  return (
    <form className={inlineFormClass} noValidate onSubmit={form.handleSubmit(({ name }) => create.mutate({ slug, name }))}>
      <TextField
        label={t('teams.name')}
        autoComplete="off"
        required
        {...name}
        ref={mergeRefs(name.ref, nameRef)}
        errors={form.errorsOf('name')}
      />
      <FormError error={create.error} shown={['name']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={create.isPending}>
          {t('teams.create')}
        </Button>
      </div>
    </form>
  );
}
