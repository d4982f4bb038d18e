import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';

/** Where a deleted account lands: the session is gone, so this page needs none. */
export function GoodbyeRoute() {
  return (
    <AuthLayout title="Your account is deleted" subtitle="Your sessions have ended and your personal data is erased.">
      <p className="text-muted">
        Thank you for trying us. You can <Link to={paths.auth.signup.getHref()}>create a new account</Link> at any time.
      </p>
    </AuthLayout>
  );
}
