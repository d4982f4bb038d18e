import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { formatDateTime } from '@/lib/format';
import type { Passkey } from '../api/get-passkeys';
import { useRemovePasskey } from '../api/remove-passkey';
import { useRenamePasskey } from '../api/rename-passkey';

export function PasskeyRow({ passkey }: { passkey: Passkey }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const rename = useRenamePasskey({ onSuccess: () => setEditing(false) });
  const remove = useRemovePasskey();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    rename.mutate({ passkeyId: passkey.id, name });
  };

  return (
    <li className="row" data-testid="passkey-row">
      <div className="row__main">
        {editing ? (
          <form className="form form--row" noValidate onSubmit={onSubmit}>
            <TextField label="Passkey name" value={name} onChange={(e) => setName(e.target.value)} />
            <div className="form__actions">
              <Button type="submit" size="sm" isLoading={rename.isPending}>
                Save
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <p className="row__name">{passkey.name}</p>
        )}
        <p className="row__meta muted small">
          Added {formatDateTime(passkey.created_at)} ·{' '}
          {passkey.last_used_at ? `last used ${formatDateTime(passkey.last_used_at)}` : 'never used'}
        </p>
        <FormError error={rename.error ?? remove.error} shown={[]} />
      </div>
      {editing ? null : (
        <div className="row__actions">
          <Button variant="ghost" size="sm" aria-label={`Rename ${passkey.name}`} onClick={() => setEditing(true)}>
            Rename
          </Button>
          <Button
            variant="danger"
            size="sm"
            isLoading={remove.isPending}
            aria-label={`Remove ${passkey.name}`}
            onClick={() => remove.mutate({ passkeyId: passkey.id })}
          >
            Remove
          </Button>
        </div>
      )}
    </li>
  );
}
