import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { SignupForm } from '@/features/auth/components/signup-form';
import { OAuthButtons } from '@/features/identities/components/oauth-buttons';
import { safeRedirectPath } from '../../../../../worker/kernel/redirect.ts';
import { t } from '@/lib/i18n';

export function SignupRoute() {
  const [params] = useSearchParams();
  const redirectTo = params.get('redirectTo');
  const navigate = useNavigate();
  const me = useMe();
  if (me.data) return <Navigate to={safeRedirectPath(redirectTo)} replace />;

  return (
    <AuthLayout
      title={t('signup.createYourAccount')}
      subtitle={t('signup.itTakesAMinute')}
      footer={
        <>
          {t('signup.alreadyHaveAnAccount')} <Link to={paths.auth.login.getHref(redirectTo)}>{t('signup.logIn')}</Link>
        </>
      }
    >
      <OAuthButtons next={safeRedirectPath(redirectTo)} divider="after" />
      <SignupForm onSuccess={() => navigate(safeRedirectPath(redirectTo), { replace: true })} />
    </AuthLayout>
  );
}
