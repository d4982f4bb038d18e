import { Link } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { t } from '@/lib/i18n';
import { tRich } from '@/lib/rich-text';

/** Where a deleted account lands: the session is gone, so this page needs none. */
export function GoodbyeRoute() {
  return (
    <AuthLayout title={t('goodbye.yourAccountIsDeleted')} subtitle={t('goodbye.yourSessionsHaveEnded')}>
      <p className="text-muted">
        {tRich('goodbye.thankYouForTrying', {
          link: <Link to={paths.auth.signup.getHref()}>{t('goodbye.createANewAccount')}</Link>,
        })}
      </p>
    </AuthLayout>
  );
}
