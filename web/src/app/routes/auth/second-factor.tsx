import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { SecondFactorForm } from '@/features/mfa/components/second-factor-form';
import { safeRedirectPath } from '../../../../../worker/kernel/redirect.ts';
import { t } from '@/lib/i18n';

/** Where a sign-in waits for its second factor (the worker redirects here too, with `next`). */
export function SecondFactorRoute() {
  const [params] = useSearchParams();
  const next = params.get('next');
  const navigate = useNavigate();
  return (
    <AuthLayout
      title={t('secondFactor.twoStepVerification')}
      subtitle={t('secondFactor.enterThe6Digit')}
      footer={<Link to={paths.auth.login.getHref(next)}>{t('secondFactor.backToLogIn')}</Link>}
    >
      <SecondFactorForm
        onSuccess={() => navigate(safeRedirectPath(next), { replace: true })}
        onExpired={() => navigate(paths.auth.login.getHref(next), { replace: true })}
      />
    </AuthLayout>
  );
}
