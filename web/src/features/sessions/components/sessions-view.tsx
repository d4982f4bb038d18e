import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadMore } from '@/components/ui/load-more';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { t } from '@/lib/i18n';
import { type Session, useSessions } from '../api/get-sessions';
import { useRevokeOtherSessions } from '../api/revoke-other-sessions';
import { RevokeSessionButton } from './revoke-session-button';
import { signInKindLabel, signInName } from './sign-in-label';

function plural(n: number) {
  return t(n === 1 ? 'sessionsView.otherSignIn' : 'sessionsView.otherSignIns', { n });
}

const columns: Array<ListColumn<Session>> = [
  {
    label: t('sessionsView.device'),
    cell: (session) => (
      <span className="flex min-w-0 flex-col">
        <span className="font-medium">
          {signInName(session)} {session.current ? <Badge tone="success">{t('sessionsView.thisDevice')}</Badge> : null}
        </span>
        <span className="text-sm text-muted">{signInKindLabel[session.kind]}</span>
      </span>
    ),
  },
  {
    label: t('sessionsView.ipAddress'),
    cell: (session) => <span className="text-sm text-muted">{session.ip ?? t('sessionsView.unknown')}</span>,
  },
  { label: t('sessionsView.signedIn'), cell: (session) => <RelativeTime iso={session.created_at} /> },
  {
    label: t('sessionsView.lastActive'),
    cell: (session) => (session.current ? t('time.now') : <RelativeTime iso={session.last_seen_at} />),
  },
];

/** Where the signed-in person is signed in, and the means to end any of it. */
export function SessionsView() {
  const { query: sessions, items: sessionsItems } = useSessions();
  const [signedOut, setSignedOut] = useState<number | null>(null);
  const revokeOthers = useRevokeOtherSessions({ onSuccess: ({ revoked }) => setSignedOut(revoked) });
  const others = sessionsItems.filter((s) => !s.current).length ?? 0;

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('sessionsView.sessions')}</h1>
        {others > 0 ? (
          <ConfirmDialog
            trigger={<Button variant="danger">{t('sessionsView.signOutEverywhereElse')}</Button>}
            title={t('sessionsView.signOutOthers', { others: plural(others) })}
            description={t('sessionsView.everyBrowserAndApp')}
            confirmLabel={t('sessionsView.signOutEverywhereElse')}
            isPending={revokeOthers.isPending}
            onConfirm={() => revokeOthers.mutate()}
          />
        ) : null}
      </div>
      <p className="text-muted">{t('sessionsView.browsersAndClisOr')}</p>
      {signedOut !== null ? (
        <p role="status" className="text-muted">
          {t('sessionsView.signedOut', { others: plural(signedOut) })}
        </p>
      ) : null}
      {sessions.isPending ? (
        <PageSpinner label={t('sessionsView.loadingSessions')} />
      ) : sessions.isError ? (
        <ErrorBanner error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <>
          <ListTable
            items={sessionsItems}
            columns={columns}
            actions={(session) => (session.current ? null : <RevokeSessionButton session={session} />)}
            rowTestId="session-row"
          />
          <LoadMore query={sessions} />
        </>
      )}
    </div>
  );
}
