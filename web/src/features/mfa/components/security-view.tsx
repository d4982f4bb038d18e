import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { PasskeysSection } from '@/features/passkeys/components/passkeys-section';
import { useMfaStatus } from '../api/get-mfa-status';
import { ReauthenticateForm } from './reauthenticate-form';
import { TotpSection } from './totp-section';
import { t } from '@/lib/i18n';

/** How the signed-in person proves who they are: second factor and passkeys. */
export function SecurityView() {
  const status = useMfaStatus();
  return (
    <div className="mx-auto flex w-full max-w-xl min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('securityView.security')}</h1>
      </div>
      {status.isPending ? (
        <PageSpinner label={t('securityView.loading')} />
      ) : status.isError ? (
        <ErrorBanner error={status.error} onRetry={() => status.refetch()} />
      ) : (
        <>
          {status.data.reauthenticated_until ? null : <ReauthenticateForm />}
          <TotpSection status={status.data} />
          <PasskeysSection />
        </>
      )}
    </div>
  );
}
