import type { Ref } from 'react';
import { inviteInput } from '../../../../../worker/modules/members/members.input.ts';
import { Button } from '@/components/ui/button';
import { inlineFormClass, SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { inviteRolesFor, type Role } from '@/lib/authorization';
import { mergeRefs, useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import { type InviteRole, useCreateInvite } from '../api/create-invite';

const roleLabel: Record<InviteRole, string> = {
  viewer: t('members.inviteRole.viewer'),
  member: t('members.inviteRole.member'),
  admin: t('members.inviteRole.admin'),
};

export function InviteForm({ slug, role, emailRef }: { slug: string; role: Role; emailRef?: Ref<HTMLInputElement> }) {
  const allowed = inviteRolesFor(role);
  const create = useCreateInvite({
    onSuccess: () => {
      addNotification({ kind: 'success', message: t('members.invited', { email: form.getValues('email').trim() }) });
      form.reset({ email: '', role: form.getValues('role') });
    },
  });
  const form = useSchemaForm(inviteInput, { defaultValues: { email: '', role: 'member' }, serverError: create.error });
  const email = form.register('email');
  return (
    <form className={inlineFormClass} noValidate onSubmit={form.handleSubmit((input) => create.mutate({ slug, input }))}>
      <TextField
        label={t('members.email')}
        type="email"
        autoComplete="off"
        required
        placeholder={t('members.emailPlaceholder')}
        {...email}
        ref={mergeRefs(email.ref, emailRef)}
        errors={form.errorsOf('email')}
      />
      <SelectField
        label={t('members.inviteAs')}
        options={allowed.map((r) => ({ value: r, label: roleLabel[r] }))}
        {...form.register('role')}
        hint={t('members.inviteHint')}
        errors={form.errorsOf('role')}
      />
      <FormError error={create.error} shown={['email', 'role']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={create.isPending}>
          {t('members.sendInvite')}
        </Button>
      </div>
    </form>
  );
}
