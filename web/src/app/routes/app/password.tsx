import { Card, CardTitle } from '@/components/ui/card';
import { useSession } from '@/features/auth/hooks/use-session';
import { ChangePasswordForm } from '@/features/email-auth/components/change-password-form';
import { ChangeEmailForm } from '@/features/email-change/components/change-email-form';
import { t } from '@/lib/i18n';

export function PasswordRoute() {
  const { user } = useSession();
  return (
    <>
      <Card aria-labelledby="password-title">
        <CardTitle id="password-title">{t('password.password')}</CardTitle>
        <ChangePasswordForm />
      </Card>
      <Card aria-labelledby="email-title">
        <CardTitle id="email-title">{t('password.emailAddress')}</CardTitle>
        <ChangeEmailForm currentEmail={user.email} />
      </Card>
    </>
  );
}
