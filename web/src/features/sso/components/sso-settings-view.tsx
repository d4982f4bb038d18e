import { CopyButton } from '@/components/ui/copy-button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { isApiError } from '@/lib/api-client';
import { useSsoConnection } from '../api/sso-connection';
import { DeleteSsoConnection } from './delete-sso-connection';
import { SsoConnectionForm } from './sso-connection-form';
import { SsoDomains } from './sso-domains';
import { t } from '@/lib/i18n';

/** A workspace's single sign-on: its OpenID Connect provider, and the domains routed to it. */
export function SsoSettingsView({ slug }: { slug: string }) {
  const connection = useSsoConnection(slug);
  const missing = connection.isError && isApiError(connection.error) && connection.error.status === 404;

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('ssoSettingsView.singleSignOn')}</h1>
      </div>
      <p className="text-muted">{t('ssoSettingsView.letPeopleSignIn')}</p>
      {connection.isPending ? (
        <PageSpinner label={t('ssoSettingsView.loadingSingleSignOn')} />
      ) : connection.isError && !missing ? (
        <ErrorBanner error={connection.error} onRetry={() => connection.refetch()} />
      ) : (
        <>
          <SsoConnectionForm key={connection.data?.id ?? 'new'} slug={slug} connection={connection.data ?? null} />
          {connection.data ? (
            <>
              <p>
                {t('ssoSettingsView.redirectUriToRegister')} <code data-testid="sso-redirect-uri">{connection.data.redirect_uri}</code>{' '}
                <CopyButton text={connection.data.redirect_uri} size="sm" />
              </p>
              <SsoDomains slug={slug} connection={connection.data} />
              <DeleteSsoConnection slug={slug} domainCount={connection.data.domains.length} />
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
