import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { FormError } from '@/components/ui/form-error';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { hideLinkToken, readLinkToken } from '@/features/email-auth/api/email-auth';
import { NoReferrer } from '@/features/email-auth/components/no-referrer';
import { useConfirmEmailChange } from '@/features/email-change/api/email-change';
import { t } from '@/lib/i18n';

/** The link mailed to a new address lands here; opening it is the confirmation, so it is sent at once. */
export function ConfirmEmailChangeRoute() {
  const [token] = useState(readLinkToken);
  const confirm = useConfirmEmailChange();
  const { mutate } = confirm;
  useEffect(() => {
    hideLinkToken();
    if (token) mutate(token);
  }, [token, mutate]);

  return (
    <AuthLayout
      title={t('confirmEmailChange.confirmYourNewEmail')}
      footer={<Link to={paths.home.getHref()}>{t('confirmEmailChange.goToTheApp')}</Link>}
    >
      <NoReferrer />
      {confirm.isSuccess ? (
        <p
          className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
          role="status"
        >
          {t('confirmEmailChange.yourAccountNowUses', { email: confirm.data.email })}
        </p>
      ) : confirm.isError ? (
        <FormError error={confirm.error} shown={[]} />
      ) : token ? (
        <PageSpinner />
      ) : (
        <p>{t('confirmEmailChange.thisPageNeedsThe')}</p>
      )}
    </AuthLayout>
  );
}
