import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { useChangePassword } from '../api/email-auth';

export function ChangePasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useChangePassword();
  const fields = fieldErrorsOf(change.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  };
  return (
    <form className="form" aria-label="Change password" noValidate onSubmit={onSubmit}>
      <TextField label="Current password" type="password" name="current_password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} errors={fields.current_password} />
      <TextField
        label="New password"
        type="password"
        name="new_password"
        autoComplete="new-password"
        required
        hint="At least 8 characters; not a common password. Every other session signs out."
        value={next}
        onChange={(e) => setNext(e.target.value)}
        errors={fields.new_password}
      />
      <FormError error={change.error} shown={['current_password', 'new_password']} />
      {change.isSuccess ? (
        <p className="banner banner--notice" role="status">
          Password changed. {change.data.sessions_ended === 1 ? '1 other session was' : `${change.data.sessions_ended} other sessions were`} signed out.
        </p>
      ) : null}
      <div className="form__actions">
        <Button type="submit" isLoading={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
