import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { paths } from '@/config/paths';
import { hideLinkToken, readLinkToken, useConfirmMagicLink } from '@/features/email-auth/api/email-auth';
import { NoReferrer } from '@/features/email-auth/components/no-referrer';
import { t } from '@/lib/i18n';

/**
 * Where a magic link lands. Opening it signs nobody in: a mail scanner that fetches or even runs
 * the page only sees this button. The click sends the token (from the fragment) in a POST.
 */
export function MagicLinkConfirmRoute() {
  const [token] = useState(readLinkToken);
  const navigate = useNavigate();
  const confirm = useConfirmMagicLink({ onSuccess: () => navigate(paths.home.getHref(), { replace: true }) });
  useEffect(hideLinkToken, []);

  return (
    <AuthLayout
      title={t('magicLinkConfirm.signInToEdge')}
      footer={<Link to={paths.auth.magicLink.getHref()}>{t('magicLinkConfirm.askForANew')}</Link>}
    >
      <NoReferrer />
      {token ? (
        <div className="flex min-w-0 flex-col gap-4">
          <p>{t('magicLinkConfirm.confirmThatYouWant')}</p>
          <FormError error={confirm.error} shown={[]} />
          <Button className="w-full" isLoading={confirm.isPending} onClick={() => confirm.mutate(token)}>
            {t('magicLinkConfirm.signIn')}
          </Button>
        </div>
      ) : (
        <p>{t('magicLinkConfirm.thisPageNeedsThe')}</p>
      )}
    </AuthLayout>
  );
}
