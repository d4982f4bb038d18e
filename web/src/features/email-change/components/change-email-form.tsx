import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { useRequestEmailChange } from '../api/email-change';

/** Asks for a new address; the change happens only when the link mailed there is used. */
export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const change = useRequestEmailChange();
  const fields = fieldErrorsOf(change.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate({ new_email: newEmail, password }, { onSuccess: () => setPassword('') });
  };
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit} aria-label="Change email address">
      <p>
        Your address is <strong>{currentEmail}</strong>.
      </p>
      <TextField
        label="New email address"
        type="email"
        name="new_email"
        autoComplete="email"
        required
        hint="We send a link there; nothing changes until you open it. Every other session then signs out."
        value={newEmail}
        onChange={(e) => setNewEmail(e.target.value)}
        errors={fields.new_email}
      />
      <TextField
        label="Current password"
        type="password"
        name="email_change_password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={fields.password}
      />
      <FormError error={change.error} shown={['new_email', 'password']} />
      {change.isSuccess ? (
        <p
          className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
          role="status"
        >
          Check {change.data.new_email}: open the link we sent there to finish the change.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={change.isPending}>
          Change email
        </Button>
      </div>
    </form>
  );
}
