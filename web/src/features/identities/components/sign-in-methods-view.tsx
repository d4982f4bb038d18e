import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { FormError } from '@/components/ui/form-error';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDateTime } from '@/lib/format';
import { type LinkedIdentity, useIdentities } from '../api/get-identities';
import { useStartOAuth } from '../api/start-oauth';
import { OAuthError } from './oauth-error';
import { UnlinkIdentityButton } from './unlink-identity-button';
import { t } from '@/lib/i18n';

const columns: Array<ListColumn<LinkedIdentity>> = [
  {
    label: t('signInMethodsView.provider'),
    cell: (identity) => (
      <>
        {identity.provider_name} <Badge tone="success">{t('signInMethodsView.linked')}</Badge>
      </>
    ),
  },
  { label: t('signInMethodsView.account'), cell: (identity) => identity.email ?? '—' },
  { label: t('signInMethodsView.linked2'), cell: (identity) => formatDateTime(identity.created_at) },
];

/** The ways the signed-in person can sign in: password, linked providers; link and unlink here. */
export function SignInMethodsView({ error, returnTo }: { error: string | null; returnTo: string }) {
  const identities = useIdentities();
  const link = useStartOAuth();

  if (identities.isPending) return <PageSpinner label={t('signInMethodsView.loadingSignInMethods')} />;
  if (identities.isError) return <ErrorBanner error={identities.error} onRetry={() => identities.refetch()} />;
  const { items, has_password: hasPassword, available } = identities.data;
  const unlinked = available.filter((p) => !items.some((i) => i.provider === p.id));
  const startLink = (provider: string) => link.mutate({ provider, input: { intent: 'link', next: returnTo } });
  // With nothing linked, the first provider is the empty state's action and the rest follow it.
  const [first, ...others] = unlinked;
  const offered = items.length === 0 ? others : unlinked;

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('signInMethodsView.signInMethods')}</h1>
      </div>
      <OAuthError code={error} />
      <p className="text-muted">{hasPassword ? t('signInMethodsView.set') : t('signInMethodsView.notSetYouSign')}</p>
      <ListTable
        items={items}
        columns={columns}
        actions={(identity) => <UnlinkIdentityButton identity={identity} />}
        rowTestId="identity-row"
        empty={
          <EmptyState
            title={t('signInMethodsView.noProviderLinkedYet')}
            description={first ? t('signInMethodsView.linkAnAccountYou') : t('signInMethodsView.thisAppHasNo')}
            action={
              first
                ? {
                    label: t('signInMethodsView.link2', { name: first.name }),
                    onClick: () => startLink(first.id),
                    isLoading: link.isPending && link.variables?.provider === first.id,
                  }
                : null
            }
          />
        }
      />
      {offered.length > 0 ? (
        <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end sm:[&>div:has(>label)]:min-w-48 sm:[&>div:has(>label)]:flex-1">
          {offered.map((provider) => (
            <Button
              key={provider.id}
              variant="secondary"
              isLoading={link.isPending && link.variables?.provider === provider.id}
              onClick={() => startLink(provider.id)}
            >
              {t('signInMethodsView.link', { name: provider.name })}
            </Button>
          ))}
        </div>
      ) : null}
      <FormError error={link.error} shown={[]} />
    </div>
  );
}
