import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { t } from '@/lib/i18n';
import { type Session, useSessions } from '../api/get-sessions';
import { useRevokeOtherSessions } from '../api/revoke-other-sessions';
import { RevokeSessionButton } from './revoke-session-button';
import { signInKindLabel, signInName } from './sign-in-label';

function plural(n: number) {
  return `${n} other sign-in${n === 1 ? '' : 's'}`;
}

const columns: Array<ListColumn<Session>> = [
  {
    label: 'Device',
    cell: (session) => (
      <span className="flex min-w-0 flex-col">
        <span className="font-medium">
          {signInName(session)} {session.current ? <Badge tone="success">This device</Badge> : null}
        </span>
        <span className="text-sm text-muted">{signInKindLabel[session.kind]}</span>
      </span>
    ),
  },
  { label: 'IP address', cell: (session) => <span className="text-sm text-muted">{session.ip ?? 'Unknown'}</span> },
  { label: 'Signed in', cell: (session) => <RelativeTime iso={session.created_at} /> },
  { label: 'Last active', cell: (session) => (session.current ? t('time.now') : <RelativeTime iso={session.last_seen_at} />) },
];

/** Where the signed-in person is signed in, and the means to end any of it. */
export function SessionsView() {
  const sessions = useSessions();
  const [signedOut, setSignedOut] = useState<number | null>(null);
  const revokeOthers = useRevokeOtherSessions({ onSuccess: ({ revoked }) => setSignedOut(revoked) });
  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
        {others > 0 ? (
          <ConfirmDialog
            trigger={<Button variant="danger">Sign out everywhere else</Button>}
            title={`Sign out ${plural(others)}?`}
            description="Every browser and app signed in as you, except this one, is signed out at once."
            confirmLabel="Sign out everywhere else"
            isPending={revokeOthers.isPending}
            onConfirm={() => revokeOthers.mutate()}
          />
        ) : null}
      </div>
      <p className="text-muted">
        Browsers, and CLIs or apps that signed in with your password. Revoking one signs it out at once; an app’s refresh and access tokens
        stop working too.
      </p>
      {signedOut !== null ? (
        <p role="status" className="text-muted">
          Signed out {plural(signedOut)}.
        </p>
      ) : null}
      {sessions.isPending ? (
        <PageSpinner label="Loading sessions…" />
      ) : sessions.isError ? (
        <ErrorBanner error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <ListTable
          items={sessions.data.items}
          columns={columns}
          actions={(session) => (session.current ? null : <RevokeSessionButton session={session} />)}
          rowTestId="session-row"
        />
      )}
    </div>
  );
}
