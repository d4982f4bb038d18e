import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDate, formatDateTime } from '@/lib/format';
import { useApiKeys } from '../api/get-api-keys';
import { RevokeApiKeyButton } from './revoke-api-key-button';

/** `onCreateFirst` leads to the create form; absent when the viewer may not create keys. */
export function ApiKeysTable({ slug, onCreateFirst }: { slug: string; onCreateFirst?: (() => void) | undefined }) {
  const keys = useApiKeys(slug);

  if (keys.isPending) return <PageSpinner label="Loading API keys…" />;
  if (keys.isError) return <ErrorBanner error={keys.error} onRetry={() => keys.refetch()} />;
  if (keys.data.items.length === 0) {
    return (
      <EmptyState
        title="No API keys yet"
        description="Scripts and servers use an API key to call this workspace’s API without anyone signing in."
        action={onCreateFirst ? { label: 'Create your first API key', onClick: onCreateFirst } : null}
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
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.data.items.map((key) => (
            <tr key={key.id} data-testid="api-key-row">
              <td data-label="Name">{key.name}</td>
              <td data-label="Prefix">
                <code>{key.prefix}</code>
              </td>
              <td data-label="Role">{key.role}</td>
              <td data-label="Created">{formatDate(key.created_at)}</td>
              <td data-label="Last used">
                {key.last_used_at ? formatDateTime(key.last_used_at) : 'Never'}
              </td>
              <td className="table__actions">
                <RevokeApiKeyButton slug={slug} apiKey={key} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
