import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { useRequestPasswordReset } from '@/features/email-auth/api/email-auth';
import { EmailRequestForm } from '@/features/email-auth/components/email-request-form';

export function ForgotPasswordRoute() {
  const request = useRequestPasswordReset();
  return (
    <AuthLayout
      title="Reset your password"
      subtitle="Enter the verified email address of your account and we will mail you a link, valid for one hour."
      footer={<Link to={paths.auth.login.getHref()}>Back to log in</Link>}
    >
      <EmailRequestForm mutation={request} submitLabel="Email me a reset link" />
    </AuthLayout>
  );
}
