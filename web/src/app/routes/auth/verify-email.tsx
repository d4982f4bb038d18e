import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { FormError } from '@/components/ui/form-error';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { hideLinkToken, readLinkToken, useVerifyEmail } from '@/features/email-auth/api/email-auth';
import { NoReferrer } from '@/features/email-auth/components/no-referrer';
import { t } from '@/lib/i18n';

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
    <AuthLayout title={t('verifyEmail.confirmYourEmail')} footer={<Link to={paths.home.getHref()}>{t('verifyEmail.goToTheApp')}</Link>}>
      <NoReferrer />
      {verify.isSuccess ? (
        <p
          className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
          role="status"
        >
          {t('verifyEmail.thankYou', { email: verify.data.email })}
        </p>
      ) : verify.isError ? (
        <FormError error={verify.error} shown={[]} />
      ) : token ? (
        <PageSpinner />
      ) : (
        <p>{t('verifyEmail.thisPageNeedsThe')}</p>
      )}
    </AuthLayout>
  );
}
