import { passkeyNameInput } from '../../../../../worker/modules/mfa/mfa.input.ts';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { inlineFormClass, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { useAddPasskey } from '../api/add-passkey';
import { usePasskeys } from '../api/get-passkeys';
import { PasskeyRow } from './passkey-row';
import { t } from '@/lib/i18n';
import { Card } from '@/components/ui/card';

/** Passkeys sign in without a password or a code: list, add, rename, remove. */
export function PasskeysSection() {
  const passkeys = usePasskeys();
  const add = useAddPasskey({ onSuccess: () => form.reset() });
  const form = useSchemaForm(passkeyNameInput, { defaultValues: { name: '' }, serverError: add.error });

  return (
    <Card aria-labelledby="passkeys-title">
      <h2 className="text-lg font-semibold" id="passkeys-title">
        {t('passkeysSection.passkeys')}
      </h2>
      <p className="text-muted">{t('passkeysSection.aPasskeySignsYou')}</p>
      {passkeys.isPending ? null : passkeys.isError ? (
        <ErrorBanner error={passkeys.error} onRetry={() => passkeys.refetch()} />
      ) : passkeys.data.items.length === 0 ? (
        <EmptyState
          level={3}
          title={t('passkeysSection.noPasskeysYet')}
          description={t('passkeysSection.addOneToSign')}
          action={{ label: t('passkeysSection.addYourFirstPasskey'), onClick: () => form.setFocus('name') }}
        />
      ) : (
        <ul className="flex flex-col divide-y divide-border">
          {passkeys.data.items.map((passkey) => (
            <PasskeyRow key={passkey.id} passkey={passkey} />
          ))}
        </ul>
      )}
      <form className={inlineFormClass} noValidate onSubmit={form.handleSubmit(({ name }) => add.mutate(name))}>
        <TextField
          label={t('passkeysSection.newPasskeyName')}
          placeholder={t('passkeysSection.eGWorkLaptop')}
          autoComplete="off"
          required
          {...form.register('name')}
          errors={form.errorsOf('name')}
        />
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" isLoading={add.isPending}>
            {t('passkeysSection.addAPasskey')}
          </Button>
        </div>
      </form>
      <FormError error={add.error} shown={['name']} />
    </Card>
  );
}
