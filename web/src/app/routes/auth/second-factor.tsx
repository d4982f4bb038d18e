import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { SecondFactorForm } from '@/features/mfa/components/second-factor-form';
import { safeRedirectPath } from '../../../../../worker/kernel/redirect.ts';

/** Where a sign-in waits for its second factor (the worker redirects here too, with `next`). */
export function SecondFactorRoute() {
  const [params] = useSearchParams();
  const next = params.get('next');
  const navigate = useNavigate();
  return (
    <AuthLayout
      title="Two-step verification"
      subtitle="Enter the 6-digit code from your authenticator app."
      footer={<Link to={paths.auth.login.getHref(next)}>Back to log in</Link>}
    >
      <SecondFactorForm
        onSuccess={() => navigate(safeRedirectPath(next), { replace: true })}
        onExpired={() => navigate(paths.auth.login.getHref(next), { replace: true })}
      />
    </AuthLayout>
  );
}
