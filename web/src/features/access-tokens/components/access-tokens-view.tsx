import { useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadMore } from '@/components/ui/load-more';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import type { CreatedAccessToken } from '../api/create-access-token';
import { type AccessToken, useAccessTokens } from '../api/get-access-tokens';
import { useRevokeAccessToken } from '../api/revoke-access-token';
import { CreateAccessTokenForm } from './create-access-token-form';
import { SecretReveal } from '@/components/ui/secret-reveal';
import { Card } from '@/components/ui/card';

function RevokeAccessTokenButton({ token }: { token: AccessToken }) {
  // No success toast: the row disappearing is the confirmation.
  const revoke = useRevokeAccessToken();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size="sm" aria-label={t('accessTokensView.revoke', { name: token.name })}>
          {t('accessTokensView.revoke2')}
        </Button>
      }
      title={t('accessTokensView.revokeTheToken', { name: token.name })}
      description={t('accessTokensView.scriptsAndToolsUsing')}
      confirmLabel={t('accessTokensView.revokeToken')}
      isPending={revoke.isPending}
      onConfirm={() => revoke.mutate({ tokenId: token.id })}
    />
  );
}

const accessLabel = (scopes: readonly string[]) => (scopes.includes('write') ? 'Read and write' : 'Read only');

const columns: Array<ListColumn<AccessToken>> = [
  { label: t('accessTokensView.name'), cell: (token) => token.name },
  { label: t('accessTokensView.prefix'), cell: (token) => <code>{token.prefix}</code> },
  { label: t('accessTokensView.access'), cell: (token) => accessLabel(token.scopes) },
  { label: t('accessTokensView.expires'), cell: (token) => formatDate(token.expires_at) },
  {
    label: t('accessTokensView.lastUsed'),
    cell: (token) => (token.last_used_at ? <RelativeTime iso={token.last_used_at} /> : t('time.never')),
  },
];

function AccessTokensTable({ onCreateFirst }: { onCreateFirst: () => void }) {
  const { query: tokens, items: tokensItems } = useAccessTokens();
  if (tokens.isPending) return <PageSpinner label={t('accessTokensView.loadingTokens')} />;
  if (tokens.isError) return <ErrorBanner error={tokens.error} onRetry={() => tokens.refetch()} />;
  return (
    <>
      <ListTable
        items={tokensItems}
        columns={columns}
        actions={(token) => <RevokeAccessTokenButton token={token} />}
        rowTestId="access-token-row"
        empty={
          <EmptyState
            title={t('accessTokensView.noPersonalAccessTokens')}
            description={t('accessTokensView.scriptsAndToolsUse')}
            action={{ label: t('accessTokensView.createYourFirstToken'), onClick: onCreateFirst }}
          />
        }
      />
      <LoadMore query={tokens} />
    </>
  );
}

/** The signed-in person's personal access tokens: create (shown once), list, revoke. */
export function AccessTokensView() {
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('accessTokensView.personalAccessTokens')}</h1>
      </div>
      <p className="text-muted">{t('accessTokensView.aTokenActsAs')}</p>
      {created ? (
        <SecretReveal
          title={t('newAccessTokenBox.created', { name: created.name })}
          warning={t('newAccessTokenBox.copyThisTokenNow')}
          secret={created.token}
          doneLabel={t('newAccessTokenBox.iHaveCopiedThe')}
          testId="new-access-token"
          onDone={() => setCreated(null)}
        />
      ) : null}
      <Card aria-labelledby="create-token-title">
        <h2 className="text-lg font-semibold" id="create-token-title">
          {t('accessTokensView.newToken')}
        </h2>
        <CreateAccessTokenForm onCreated={setCreated} nameRef={nameField} />
      </Card>
      <AccessTokensTable onCreateFirst={() => nameField.current?.focus()} />
    </div>
  );
}
