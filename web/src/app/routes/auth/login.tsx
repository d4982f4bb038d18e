import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths, safeRedirect } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { LoginForm } from '@/features/auth/components/login-form';

export function LoginRoute() {
  const [params] = useSearchParams();
  const redirectTo = params.get('redirectTo');
  const navigate = useNavigate();
  // Already signed in: skip the form. While this check runs (or if it fails) the form still shows.
  const me = useMe();
  if (me.data) return <Navigate to={safeRedirect(redirectTo)} replace />;

  return (
    <AuthLayout
      title="Welcome back"
      subtitle="Enter your email and password to continue."
      footer={
        <>
          New here? <Link to={paths.auth.signup.getHref(redirectTo)}>Sign up</Link>
        </>
      }
    >
      <LoginForm onSuccess={() => navigate(safeRedirect(redirectTo), { replace: true })} />
    </AuthLayout>
  );
}
