import { useContext } from 'react';
import { Button } from '@/components/ui/button';
import { SessionContext } from '@/features/auth/hooks/use-session';
import { useResendVerification } from '../api/email-auth';
import { t } from '@/lib/i18n';
import { tRich } from '@/lib/rich-text';

/** Shown on every signed-in screen until the address is verified, with a one-click resend. */
export function VerifyEmailBanner() {
  const session = useContext(SessionContext);
  const resend = useResendVerification();
  if (!session || session.user.email_verified) return null;
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
      role="status"
      data-testid="verify-email-banner"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="min-w-0 break-words">{t('verifyEmailBanner.confirmYourEmailAddress')}</p>
        <p>{tRich('verifyEmailBanner.weSentALink', { email: <strong>{session.user.email}</strong> })}</p>
        {resend.isSuccess ? <p>{t('verifyEmailBanner.aNewLinkIs')}</p> : null}
        {resend.isError ? <p>{resend.error.message}</p> : null}
      </div>
      <Button
        variant="secondary"
        size="sm"
        isLoading={resend.isPending}
        disabled={resend.isSuccess}
        onClick={() => resend.mutate(session.user.email)}
      >
        {t('verifyEmailBanner.resendTheLink')}
      </Button>
    </div>
  );
}

/** What a screen shows instead of a bare error when the API answers `EMAIL_NOT_VERIFIED`. */
export function VerifyEmailPrompt() {
  const session = useContext(SessionContext);
  const resend = useResendVerification();
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
      role="alert"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="min-w-0 break-words">{t('verifyEmailBanner.confirmYourEmailAddress2')}</p>
        <p>{resend.isSuccess ? t('verifyEmailBanner.aNewOneIs') : t('verifyEmailBanner.orAskForA')}</p>
      </div>
      {session ? (
        <Button
          variant="secondary"
          size="sm"
          isLoading={resend.isPending}
          disabled={resend.isSuccess}
          onClick={() => resend.mutate(session.user.email)}
        >
          {t('verifyEmailBanner.resendTheLink')}
        </Button>
      ) : null}
    </div>
  );
}
