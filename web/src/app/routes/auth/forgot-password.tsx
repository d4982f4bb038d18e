import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { useRequestPasswordReset } from '@/features/email-auth/api/email-auth';
import { EmailRequestForm } from '@/features/email-auth/components/email-request-form';
import { t } from '@/lib/i18n';

export function ForgotPasswordRoute() {
  const request = useRequestPasswordReset();
  return (
    <AuthLayout
      title={t('forgotPassword.resetYourPassword')}
      subtitle={t('forgotPassword.enterTheVerifiedEmail')}
      footer={<Link to={paths.auth.login.getHref()}>{t('forgotPassword.backToLogIn')}</Link>}
    >
      <EmailRequestForm mutation={request} submitLabel={t('forgotPassword.emailMeAReset')} />
    </AuthLayout>
  );
}
