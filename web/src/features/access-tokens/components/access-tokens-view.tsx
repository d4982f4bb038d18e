import { useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { CreatedAccessToken } from '../api/create-access-token';
import { type AccessToken, useAccessTokens } from '../api/get-access-tokens';
import { useRevokeAccessToken } from '../api/revoke-access-token';
import { CreateAccessTokenForm } from './create-access-token-form';
import { NewAccessTokenBox } from './new-access-token-box';

function RevokeAccessTokenButton({ token }: { token: AccessToken }) {
  // No success toast: the row disappearing is the confirmation.
  const revoke = useRevokeAccessToken();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size="sm" aria-label={`Revoke ${token.name}`}>
          Revoke
        </Button>
      }
      title={`Revoke the token “${token.name}”?`}
      description="Scripts and tools using it are refused from the next request on. This cannot be undone."
      confirmLabel="Revoke token"
      isPending={revoke.isPending}
      onConfirm={() => revoke.mutate({ tokenId: token.id })}
    />
  );
}

const accessLabel = (scopes: readonly string[]) => (scopes.includes('write') ? 'Read and write' : 'Read only');

const columns: Array<ListColumn<AccessToken>> = [
  { label: 'Name', cell: (token) => token.name },
  { label: 'Prefix', cell: (token) => <code>{token.prefix}</code> },
  { label: 'Access', cell: (token) => accessLabel(token.scopes) },
  { label: 'Expires', cell: (token) => formatDate(token.expires_at) },
  { label: 'Last used', cell: (token) => (token.last_used_at ? <RelativeTime iso={token.last_used_at} /> : t('time.never')) },
];

function AccessTokensTable({ onCreateFirst }: { onCreateFirst: () => void }) {
  const tokens = useAccessTokens();
  if (tokens.isPending) return <PageSpinner label="Loading tokens…" />;
  if (tokens.isError) return <ErrorBanner error={tokens.error} onRetry={() => tokens.refetch()} />;
  return (
    <ListTable
      items={tokens.data.items}
      columns={columns}
      actions={(token) => <RevokeAccessTokenButton token={token} />}
      rowTestId="access-token-row"
      empty={
        <EmptyState
          title="No personal access tokens yet"
          description="Scripts and tools use a token to call the API as you, with only the access you give it."
          action={{ label: 'Create your first token', onClick: onCreateFirst }}
        />
      }
    />
  );
}

/** The signed-in person's personal access tokens: create (shown once), list, revoke. */
export function AccessTokensView() {
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Personal access tokens</h1>
      </div>
      <p className="text-muted">
        A token acts as you from scripts and tools, limited to the access you give it, until it expires or you revoke it.
      </p>
      {created ? <NewAccessTokenBox token={created} onDone={() => setCreated(null)} /> : null}
      <section
        className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6"
        aria-labelledby="create-token-title"
      >
        <h2 className="text-lg font-semibold" id="create-token-title">
          New token
        </h2>
        <CreateAccessTokenForm onCreated={setCreated} nameRef={nameField} />
      </section>
      <AccessTokensTable onCreateFirst={() => nameField.current?.focus()} />
    </div>
  );
}
