import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { useChangePassword } from '../api/email-auth';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the change ended besides the old password, e.g. "1 other session, 2 app sign-ins and 1 access token". */
function endedSummary(ended: { sessions_ended: number; app_sign_ins_ended: number; personal_access_tokens_revoked: number }) {
  const parts = [
    count(ended.sessions_ended, 'other session', 'other sessions'),
    count(ended.app_sign_ins_ended, 'app sign-in', 'app sign-ins'),
    count(ended.personal_access_tokens_revoked, 'personal access token', 'personal access tokens'),
  ];
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

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
    <form className="flex min-w-0 flex-col gap-4" aria-label="Change password" noValidate onSubmit={onSubmit}>
      <TextField
        label="Current password"
        type="password"
        name="current_password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        errors={fields.current_password}
      />
      <TextField
        label="New password"
        type="password"
        name="new_password"
        autoComplete="new-password"
        required
        hint="At least 8 characters; not a common password. Every other way in ends: other sessions, app sign-ins and personal access tokens."
        value={next}
        onChange={(e) => setNext(e.target.value)}
        errors={fields.new_password}
      />
      <FormError error={change.error} shown={['current_password', 'new_password']} />
      {change.isSuccess ? (
        <p
          className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
          role="status"
        >
          Password changed. Every other way in has ended ({endedSummary(change.data)}); this browser stays signed in.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
