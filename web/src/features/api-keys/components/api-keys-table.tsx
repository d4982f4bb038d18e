import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadMore } from '@/components/ui/load-more';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDate } from '@/lib/format';
import { roleLabel } from '@/lib/authorization';
import { t } from '@/lib/i18n';
import { type ApiKey, useApiKeys } from '../api/get-api-keys';
import { RevokeApiKeyButton } from './revoke-api-key-button';
import { TransferApiKeyButton } from './transfer-api-key-button';

/** A key acts for its maker, with at most their role, and stops when they leave the workspace. */
function madeBy(key: ApiKey, myId: string | null) {
  const who = !key.made_by.is_member ? 'A former member' : key.made_by.id === myId ? 'You' : key.made_by.name;
  return (
    <div className="flex flex-col gap-0.5">
      <span>{who}</span>
      {key.made_by.is_member ? (
        <span className="text-muted">{formatDate(key.created_at)}</span>
      ) : (
        <Badge tone="muted">{t('apiKeysTable.stoppedWorking')}</Badge>
      )}
    </div>
  );
}

const columnsFor = (myId: string | null): Array<ListColumn<ApiKey>> => [
  { label: t('apiKeysTable.name'), cell: (key) => key.name },
  { label: t('apiKeysTable.prefix'), cell: (key) => <code>{key.prefix}</code> },
  { label: t('apiKeysTable.role'), cell: (key) => roleLabel(key.role) },
  { label: t('apiKeysTable.madeBy'), cell: (key) => madeBy(key, myId) },
  { label: t('apiKeysTable.lastUsed'), cell: (key) => (key.last_used_at ? <RelativeTime iso={key.last_used_at} /> : t('time.never')) },
];

/**
 * `onCreateFirst` leads to the create form; absent when the viewer may not create keys.
 * `canTransfer`: an owner may take over a key whose maker is still a member.
 */
export function ApiKeysTable({
  slug,
  myId,
  canTransfer,
  onCreateFirst,
}: {
  slug: string;
  myId: string | null;
  canTransfer: boolean;
  onCreateFirst?: (() => void) | undefined;
}) {
  const { query: keys, items: keysItems } = useApiKeys(slug);

  if (keys.isPending) return <PageSpinner label={t('apiKeysTable.loadingApiKeys')} />;
  if (keys.isError) return <ErrorBanner error={keys.error} onRetry={() => keys.refetch()} />;
  return (
    <>
      <ListTable
        items={keysItems}
        columns={columnsFor(myId)}
        actions={(key) => (
          <>
            {canTransfer && key.made_by.is_member && key.made_by.id !== myId ? <TransferApiKeyButton slug={slug} apiKey={key} /> : null}
            <RevokeApiKeyButton slug={slug} apiKey={key} />
          </>
        )}
        rowTestId="api-key-row"
        empty={
          <EmptyState
            title={t('apiKeysTable.noApiKeysYet')}
            description={t('apiKeysTable.scriptsAndServersUse')}
            action={onCreateFirst ? { label: t('apiKeysTable.createYourFirstApi'), onClick: onCreateFirst } : null}
          />
        }
      />
      <LoadMore query={keys} />
    </>
  );
}
