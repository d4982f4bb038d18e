import { connectionInput } from '../../../../../worker/modules/oauth/oauth.input.ts';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { type SaveSsoConnectionInput, type SsoConnection, useSaveSsoConnection } from '../api/sso-connection';

type DefaultRole = NonNullable<SaveSsoConnectionInput['default_role']>;
const roles: ReadonlyArray<{ value: DefaultRole; label: string }> = [
  { value: 'viewer', label: t('role.viewer') },
  { value: 'member', label: t('role.member') },
  { value: 'admin', label: t('role.admin') },
];

/** The identity provider's issuer and the client registered there; the secret is write-only. */
export function SsoConnectionForm({ slug, connection }: { slug: string; connection: SsoConnection | null }) {
  const save = useSaveSsoConnection();
  const form = useSchemaForm(connectionInput, {
    defaultValues: {
      issuer: connection?.issuer ?? '',
      client_id: connection?.client_id ?? '',
      default_role: connection?.default_role ?? 'member',
    },
    serverError: save.error,
  });
  const onSubmit = form.handleSubmit((input) => save.mutate({ slug, input }, { onSuccess: () => form.resetField('client_secret') }));

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
      <TextField
        label={t('sso.issuer')}
        required
        {...form.register('issuer', { setValueAs: (value: string) => value.trim() })}
        errors={form.errorsOf('issuer')}
        hint={t('sso.issuerHint')}
      />
      <TextField label={t('sso.clientId')} required {...form.register('client_id')} errors={form.errorsOf('client_id')} />
      <TextField
        label={t('sso.clientSecret')}
        type="password"
        autoComplete="off"
        {...form.register('client_secret', { setValueAs: (value: string) => value || undefined })}
        errors={form.errorsOf('client_secret')}
        hint={connection ? t('sso.clientSecretKeep') : t('sso.clientSecretNew')}
      />
      <SelectField
        label={t('sso.defaultRole')}
        options={roles}
        {...form.register('default_role')}
        hint={t('sso.defaultRoleHint')}
        errors={form.errorsOf('default_role')}
      />
      <FormError error={save.error} shown={['issuer', 'client_id', 'client_secret', 'default_role']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={save.isPending}>
          {t('sso.save')}
        </Button>
      </div>
    </form>
  );
}
