import { passwordChangeInput } from '../../../../../worker/modules/auth/auth.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import type { MessageKey } from '@/locales/en';
import { useChangePassword } from '../api/email-auth';

const count = (n: number, one: MessageKey, many: MessageKey) => t(n === 1 ? one : many, { n });

/** What the change ended besides the old password, e.g. "1 other session, 2 app sign-ins and 1 access token". */
function endedSummary(ended: { sessions_ended: number; app_sign_ins_ended: number; personal_access_tokens_revoked: number }) {
  const parts = [
    count(ended.sessions_ended, 'password.ended.session', 'password.ended.sessions'),
    count(ended.app_sign_ins_ended, 'password.ended.appSignIn', 'password.ended.appSignIns'),
    count(ended.personal_access_tokens_revoked, 'password.ended.token', 'password.ended.tokens'),
  ];
  return t('list.andLast', { first: parts.slice(0, -1).join(', '), last: parts.at(-1) ?? '' });
}

export function ChangePasswordForm() {
  const change = useChangePassword();
  const form = useSchemaForm(passwordChangeInput, {
    defaultValues: { current_password: '', new_password: '' },
    serverError: change.error,
  });
  const onSubmit = form.handleSubmit((values) => change.mutate(values, { onSuccess: () => form.reset() }));
  return (
    <form className="flex min-w-0 flex-col gap-4" aria-label={t('password.change')} noValidate onSubmit={onSubmit}>
      <TextField
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        required
        {...form.register('current_password')}
        errors={form.errorsOf('current_password')}
      />
      <TextField
        label={t('password.new')}
        type="password"
        autoComplete="new-password"
        required
        hint={t('password.newHint')}
        {...form.register('new_password')}
        errors={form.errorsOf('new_password')}
      />
      <FormError error={change.error} shown={['current_password', 'new_password']} />
      {change.isSuccess ? (
        <p
          className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
          role="status"
        >
          {t('password.changed', { ended: endedSummary(change.data) })}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={change.isPending}>
          {t('password.change')}
        </Button>
      </div>
    </form>
  );
}
