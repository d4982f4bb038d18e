import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDateTime } from '@/lib/format';
import { useSessions } from '../api/get-sessions';
import { useRevokeOtherSessions } from '../api/revoke-other-sessions';
import { RevokeSessionButton } from './revoke-session-button';

function plural(n: number) {
  return `${n} other session${n === 1 ? '' : 's'}`;
}

/** Where the signed-in person is signed in, and the means to end any of it. */
export function SessionsView() {
  const sessions = useSessions();
  const [signedOut, setSignedOut] = useState<number | null>(null);
  const revokeOthers = useRevokeOtherSessions({ onSuccess: ({ revoked }) => setSignedOut(revoked) });
  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;

  return (
    <div className="page">
      <div className="page__header">
        <h1 className="page__title">Sessions</h1>
        {others > 0 ? (
          <Button
            variant="danger"
            isLoading={revokeOthers.isPending}
            onClick={() => revokeOthers.mutate()}
          >
            Sign out other sessions
          </Button>
        ) : null}
      </div>
      <p className="muted">
        Devices signed in to your account. Revoking a session signs that device out at once.
      </p>
      {signedOut !== null ? (
        <p role="status" className="muted">
          Signed out {plural(signedOut)}.
        </p>
      ) : null}
      {sessions.isPending ? (
        <PageSpinner label="Loading sessions…" />
      ) : sessions.isError ? (
        <ErrorBanner error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">IP address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.items.map((session) => (
                <tr key={session.id} data-testid="session-row">
                  <td data-label="Device">
                    {session.device}{' '}
                    {session.current ? <Badge tone="success">This device</Badge> : null}
                  </td>
                  <td data-label="IP address">{session.ip ?? 'Unknown'}</td>
                  <td data-label="Signed in">{formatDateTime(session.created_at)}</td>
                  <td data-label="Last seen">
                    {session.current ? 'Now' : formatDateTime(session.last_seen_at)}
                  </td>
                  <td className="table__actions">
                    {session.current ? null : <RevokeSessionButton session={session} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
