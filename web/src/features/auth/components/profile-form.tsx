import { profileInput } from '../../../../../worker/modules/auth/auth.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import { useUpdateProfile } from '../api/update-profile';
import { useSession } from '../hooks/use-session';

/** The person's display name, as their teammates see it in member lists and audit entries. */
export function ProfileForm() {
  const { user } = useSession();
  const update = useUpdateProfile({ onSuccess: () => addNotification({ kind: 'success', message: t('profile.saved') }) });
  const form = useSchemaForm(profileInput, { defaultValues: { name: user.name }, serverError: update.error });
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((values) => update.mutate(values))}>
      <TextField label={t('profile.name')} autoComplete="name" required {...form.register('name')} errors={form.errorsOf('name')} />
      <TextField label={t('profile.email')} value={user.email} readOnly hint={t('profile.emailHint')} />
      <FormError error={update.error} shown={['name']} />
      <div>
        <Button type="submit" isLoading={update.isPending}>
          {t('profile.save')}
        </Button>
      </div>
    </form>
  );
}
