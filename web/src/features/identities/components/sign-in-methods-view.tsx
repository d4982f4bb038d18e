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

const columns: Array<ListColumn<LinkedIdentity>> = [
  {
    label: 'Provider',
    cell: (identity) => (
      <>
        {identity.provider_name} <Badge tone="success">Linked</Badge>
      </>
    ),
  },
  { label: 'Account', cell: (identity) => identity.email ?? '—' },
  { label: 'Linked', cell: (identity) => formatDateTime(identity.created_at) },
];

/** The ways the signed-in person can sign in: password, linked providers; link and unlink here. */
export function SignInMethodsView({ error, returnTo }: { error: string | null; returnTo: string }) {
  const identities = useIdentities();
  const link = useStartOAuth();

  if (identities.isPending) return <PageSpinner label="Loading sign-in methods…" />;
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
        <h1 className="text-2xl font-semibold tracking-tight">Sign-in methods</h1>
      </div>
      <OAuthError code={error} />
      <p className="text-muted">Password: {hasPassword ? 'set' : 'not set (you sign in through a linked provider)'}</p>
      <ListTable
        items={items}
        columns={columns}
        actions={(identity) => <UnlinkIdentityButton identity={identity} />}
        rowTestId="identity-row"
        empty={
          <EmptyState
            title="No provider linked yet"
            description={
              first ? 'Link an account you have elsewhere to sign in with it as well.' : 'This app has no sign-in provider to link.'
            }
            action={
              first
                ? {
                    label: `Link ${first.name}`,
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
              Link {provider.name}
            </Button>
          ))}
        </div>
      ) : null}
      <FormError error={link.error} shown={[]} />
    </div>
  );
}
