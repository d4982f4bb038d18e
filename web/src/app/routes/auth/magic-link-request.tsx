import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { useRequestMagicLink } from '@/features/email-auth/api/email-auth';
import { EmailRequestForm } from '@/features/email-auth/components/email-request-form';
import { t } from '@/lib/i18n';

export function MagicLinkRequestRoute() {
  const request = useRequestMagicLink();
  return (
    <AuthLayout
      title={t('magicLinkRequest.signInWithA')}
      subtitle={t('magicLinkRequest.weWillEmailYou')}
      footer={<Link to={paths.auth.login.getHref()}>{t('magicLinkRequest.logInWithA')}</Link>}
    >
      <EmailRequestForm mutation={request} submitLabel={t('magicLinkRequest.emailMeASign')} />
    </AuthLayout>
  );
}
