import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { FormError } from '@/components/ui/form-error';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { hideLinkToken, readLinkToken, useVerifyEmail } from '@/features/email-auth/api/email-auth';
import { NoReferrer } from '@/features/email-auth/components/no-referrer';

/** The verification link lands here; confirming an address is harmless, so it is sent at once. */
export function VerifyEmailRoute() {
  const [token] = useState(readLinkToken);
  const verify = useVerifyEmail();
  const { mutate } = verify;
  useEffect(() => {
    hideLinkToken();
    if (token) mutate(token);
  }, [token, mutate]);

  return (
    <AuthLayout title="Confirm your email" footer={<Link to={paths.home.getHref()}>Go to the app</Link>}>
      <NoReferrer />
      {verify.isSuccess ? (
        <p
          className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
          role="status"
        >
          Thank you: {verify.data.email} is verified.
        </p>
      ) : verify.isError ? (
        <FormError error={verify.error} shown={[]} />
      ) : token ? (
        <PageSpinner />
      ) : (
        <p>This page needs the link from the email we sent you.</p>
      )}
    </AuthLayout>
  );
}
