import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDate, formatDateTime } from '@/lib/format';
import type { CreatedAccessToken } from '../api/create-access-token';
import { type AccessToken, useAccessTokens } from '../api/get-access-tokens';
import { useRevokeAccessToken } from '../api/revoke-access-token';
import { CreateAccessTokenForm } from './create-access-token-form';
import { NewAccessTokenBox } from './new-access-token-box';

function RevokeAccessTokenButton({ token }: { token: AccessToken }) {
  // No success toast: the row disappearing is the confirmation.
  const revoke = useRevokeAccessToken();
  return (
    <Button
      variant="danger"
      size="sm"
      isLoading={revoke.isPending}
      aria-label={`Revoke ${token.name}`}
      onClick={() => revoke.mutate({ tokenId: token.id })}
    >
      Revoke
    </Button>
  );
}

const accessLabel = (scopes: readonly string[]) => (scopes.includes('write') ? 'Read and write' : 'Read only');

function AccessTokensTable({ onCreateFirst }: { onCreateFirst: () => void }) {
  const tokens = useAccessTokens();
  if (tokens.isPending) return <PageSpinner label="Loading tokens…" />;
  if (tokens.isError) return <ErrorBanner error={tokens.error} onRetry={() => tokens.refetch()} />;
  if (tokens.data.items.length === 0) {
    return (
      <EmptyState
        title="No personal access tokens yet"
        description="Scripts and tools use a token to call the API as you, with only the access you give it."
        action={{ label: 'Create your first token', onClick: onCreateFirst }}
      />
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Access</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.data.items.map((token) => (
            <tr key={token.id} data-testid="access-token-row">
              <td data-label="Name">{token.name}</td>
              <td data-label="Prefix">
                <code>{token.prefix}</code>
              </td>
              <td data-label="Access">{accessLabel(token.scopes)}</td>
              <td data-label="Expires">{formatDate(token.expires_at)}</td>
              <td data-label="Last used">{token.last_used_at ? formatDateTime(token.last_used_at) : 'Never'}</td>
              <td className="table__actions">
                <RevokeAccessTokenButton token={token} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The signed-in person's personal access tokens: create (shown once), list, revoke. */
export function AccessTokensView() {
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  return (
    <div className="page">
      <div className="page__header">
        <h1 className="page__title">Personal access tokens</h1>
      </div>
      <p className="muted">
        A token acts as you from scripts and tools, limited to the access you give it, until it expires
        or you revoke it.
      </p>
      {created ? <NewAccessTokenBox token={created} onDone={() => setCreated(null)} /> : null}
      <section className="card panel" aria-labelledby="create-token-title">
        <h2 className="panel__title" id="create-token-title">
          New token
        </h2>
        <CreateAccessTokenForm onCreated={setCreated} nameRef={nameField} />
      </section>
      <AccessTokensTable onCreateFirst={() => nameField.current?.focus()} />
    </div>
  );
}
