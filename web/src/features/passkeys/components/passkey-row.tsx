import { useState } from 'react';
import { passkeyNameInput } from '../../../../../worker/modules/mfa/mfa.input.ts';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { inlineFormClass, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { formatDateTime } from '@/lib/format';
import type { Passkey } from '../api/get-passkeys';
import { useRemovePasskey } from '../api/remove-passkey';
import { useRenamePasskey } from '../api/rename-passkey';
import { t } from '@/lib/i18n';

export function PasskeyRow({ passkey }: { passkey: Passkey }) {
  const [editing, setEditing] = useState(false);
  const rename = useRenamePasskey({ onSuccess: () => setEditing(false) });
  const remove = useRemovePasskey();
  const form = useSchemaForm(passkeyNameInput, { defaultValues: { name: passkey.name }, serverError: rename.error });
  const onSubmit = form.handleSubmit(({ name }) => rename.mutate({ passkeyId: passkey.id, name }));

  return (
    <li className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between" data-testid="passkey-row">
      <div className="flex min-w-0 flex-col gap-0.5">
        {editing ? (
          <form className={inlineFormClass} noValidate onSubmit={onSubmit}>
            <TextField
              label={t('passkeyRow.passkeyName')}
              autoComplete="off"
              required
              {...form.register('name')}
              errors={form.errorsOf('name')}
            />
            <div className="flex flex-wrap items-center gap-2">
              <Button type="submit" size="sm" isLoading={rename.isPending}>
                {t('passkeyRow.save')}
              </Button>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  form.reset({ name: passkey.name });
                  setEditing(false);
                }}
              >
                {t('passkeyRow.cancel')}
              </Button>
            </div>
          </form>
        ) : (
          <p className="font-medium break-words">{passkey.name}</p>
        )}
        <p className="text-sm text-muted">
          {passkey.last_used_at
            ? t('passkeyRow.addedAndUsed', { added: formatDateTime(passkey.created_at), used: formatDateTime(passkey.last_used_at) })
            : t('passkeyRow.addedNeverUsed', { added: formatDateTime(passkey.created_at) })}
        </p>
        <FormError error={rename.error} shown={['name']} />
      </div>
      {editing ? null : (
        <div className="flex flex-wrap gap-2">
          <Button variant="ghost" size="sm" aria-label={t('passkeyRow.rename', { name: passkey.name })} onClick={() => setEditing(true)}>
            {t('passkeyRow.rename2')}
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="danger" size="sm" aria-label={t('passkeyRow.remove', { name: passkey.name })}>
                {t('passkeyRow.remove2')}
              </Button>
            }
            title={t('passkeyRow.removeThePasskey', { name: passkey.name })}
            description={t('passkeyRow.youCanNoLonger')}
            confirmLabel={t('passkeyRow.removePasskey')}
            isPending={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate({ passkeyId: passkey.id })}
          />
        </div>
      )}
    </li>
  );
}
