import { useLocation, useNavigate } from 'react-router';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { PasskeysSection } from '@/features/passkeys/components/passkeys-section';
import { useMfaStatus } from '../api/get-mfa-status';
import { ReauthenticateForm } from './reauthenticate-form';
import { TotpSection } from './totp-section';
import { t } from '@/lib/i18n';

/** How the signed-in person proves who they are: second factor and passkeys. */
const tabs = ['authenticator', 'passkeys'] as const;
type SecurityTab = (typeof tabs)[number];

/** The tab a link names (`/settings/security#passkeys`), so each can be linked to. */
const tabOf = (hash: string): SecurityTab => tabs.find((tab) => `#${tab}` === hash) ?? 'authenticator';

export function SecurityView() {
  const status = useMfaStatus();
  const location = useLocation();
  const navigate = useNavigate();
  const tab = tabOf(location.hash);
  const chooseTab = (value: string) => void navigate({ hash: value === 'authenticator' ? '' : value }, { replace: true });
  return (
    <div className="flex w-full max-w-xl min-w-0 flex-col gap-6">
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
          <Tabs value={tab} onValueChange={chooseTab} className="flex min-w-0 flex-col gap-4">
            <TabsList aria-label={t('securityView.methods')}>
              <TabsTrigger value="authenticator">{t('securityView.authenticatorTab')}</TabsTrigger>
              <TabsTrigger value="passkeys">{t('securityView.passkeysTab')}</TabsTrigger>
            </TabsList>
            <TabsContent value="authenticator">
              <TotpSection status={status.data} />
            </TabsContent>
            <TabsContent value="passkeys">
              <PasskeysSection />
            </TabsContent>
          </Tabs>
        </>
      )}
    </div>
  );
}
