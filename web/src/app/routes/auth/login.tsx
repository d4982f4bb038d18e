import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { LoginForm } from '@/features/auth/components/login-form';
import { PasskeySignInButton } from '@/features/passkeys/components/passkey-sign-in-button';
import { OAuthButtons, OrDivider } from '@/features/identities/components/oauth-buttons';
import { OAuthError } from '@/features/identities/components/oauth-error';
import { SsoSignInForm } from '@/features/identities/components/sso-sign-in-form';
import { safeRedirectPath } from '../../../../../worker/kernel/redirect.ts';
import { t } from '@/lib/i18n';

export function LoginRoute() {
  const [params] = useSearchParams();
  const redirectTo = params.get('redirectTo');
  const navigate = useNavigate();
  // Already signed in: skip the form. While this check runs (or if it fails) the form still shows.
  const me = useMe();
  if (me.data) return <Navigate to={safeRedirectPath(redirectTo)} replace />;

  return (
    <AuthLayout
      title={t('login.welcomeBack')}
      subtitle={t('login.enterYourEmailAnd')}
      footer={
        <>
          {t('login.newHere')} <Link to={paths.auth.signup.getHref(redirectTo)}>{t('login.signUp')}</Link>
        </>
      }
    >
      <OAuthError code={params.get('error')} />
      <LoginForm
        onSuccess={(result) =>
          'second_factor_required' in result
            ? navigate(paths.auth.secondFactor.getHref(redirectTo), { replace: true })
            : navigate(safeRedirectPath(redirectTo), { replace: true })
        }
      />
      <PasskeySignInButton onSuccess={() => navigate(safeRedirectPath(redirectTo), { replace: true })} />
      <p className="text-center text-sm">
        <Link to={paths.auth.forgotPassword.getHref()}>{t('login.forgotYourPassword')}</Link> ·{' '}
        <Link to={paths.auth.magicLink.getHref()}>{t('login.emailMeASign')}</Link>
      </p>
      <OrDivider />
      <OAuthButtons next={safeRedirectPath(redirectTo)} />
      <SsoSignInForm next={redirectTo ? safeRedirectPath(redirectTo) : null} />
    </AuthLayout>
  );
}
