import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { useRequestMagicLink } from '@/features/email-auth/api/email-auth';
import { EmailRequestForm } from '@/features/email-auth/components/email-request-form';

export function MagicLinkRequestRoute() {
  const request = useRequestMagicLink();
  return (
    <AuthLayout
      title="Sign in with a link"
      subtitle="We will email you a link that signs you in, valid for 10 minutes."
      footer={<Link to={paths.auth.login.getHref()}>Log in with a password</Link>}
    >
      <EmailRequestForm mutation={request} submitLabel="Email me a sign-in link" />
    </AuthLayout>
  );
}
