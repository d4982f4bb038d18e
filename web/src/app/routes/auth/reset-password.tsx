import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { Button, buttonClass } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { paths } from '@/config/paths';
import { hideLinkToken, readLinkToken, useCompletePasswordReset } from '@/features/email-auth/api/email-auth';
import { NoReferrer } from '@/features/email-auth/components/no-referrer';
import { fieldErrorsOf } from '@/lib/api-client';

export function ResetPasswordRoute() {
  const [token] = useState(readLinkToken);
  const [password, setPassword] = useState('');
  const reset = useCompletePasswordReset();
  const fields = fieldErrorsOf(reset.error);
  useEffect(hideLinkToken, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reset.mutate({ token, password });
  };

  return (
    <AuthLayout title="Choose a new password" footer={<Link to={paths.auth.forgotPassword.getHref()}>Ask for a new link</Link>}>
      <NoReferrer />
      {reset.isSuccess ? (
        <div className="flex min-w-0 flex-col gap-4">
          <p
            className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
            role="status"
          >
            Your password is changed. Every session, app sign-in and personal access token of your account has ended.
          </p>
          <Link to={paths.auth.login.getHref()} className={buttonClass('primary', 'md', 'w-full')}>
            Log in
          </Link>
        </div>
      ) : (
        <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
          <TextField
            label="New password"
            type="password"
            name="password"
            autoComplete="new-password"
            required
            hint="At least 8 characters; not a common password."
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            errors={fields.password}
          />
          <FormError error={reset.error} shown={['password']} />
          <Button type="submit" className="w-full" isLoading={reset.isPending} disabled={!token}>
            Set new password
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
