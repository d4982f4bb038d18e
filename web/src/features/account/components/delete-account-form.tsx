import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { useDeleteAccount } from '../api/delete-account';

/** Deleting the account asks for the password again; the server says what blocks it, if anything. */
export function DeleteAccountForm({ onDeleted }: { onDeleted: () => void }) {
  const [password, setPassword] = useState('');
  const remove = useDeleteAccount({ onSuccess: onDeleted });
  const fields = fieldErrorsOf(remove.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    remove.mutate({ password });
  };

  return (
    <section className="card" aria-labelledby="delete-account">
      <h2 className="panel__title" id="delete-account">
        Delete account
      </h2>
      <p className="muted">
        This removes your memberships, sessions and API keys you created, and anonymises your profile.
        Workspaces where you are the only member are deleted with it. Audit entries stay, showing
        “Deleted user”. This cannot be undone.
      </p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          label="Confirm with your password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={fields.password}
        />
        <FormError error={remove.error} shown={['password', 'workspaces']} />
        <div className="form__actions">
          <Button type="submit" variant="danger" isLoading={remove.isPending} disabled={password === ''}>
            Delete my account
          </Button>
        </div>
      </form>
    </section>
  );
}
