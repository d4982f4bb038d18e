import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadMore } from '@/components/ui/load-more';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { PageSpinner } from '@/components/ui/spinner';
import { can, type Role, roleLabel } from '@/lib/authorization';
import { formatDate } from '@/lib/format';
import { type Invite, useInvites } from '../api/get-invites';
import { useResendInvite } from '../api/resend-invite';
import { useRevokeInvite } from '../api/revoke-invite';
import { t } from '@/lib/i18n';

function InviteActions({ slug, invite, role }: { slug: string; invite: Invite; role: Role }) {
  const resend = useResendInvite();
  const revoke = useRevokeInvite();
  return (
    <>
      {can(role, 'invite:resend') ? (
        <Button variant="secondary" size="sm" isLoading={resend.isPending} onClick={() => resend.mutate({ slug, inviteId: invite.id })}>
          {t('pendingInvites.resend')}
        </Button>
      ) : null}
      {can(role, 'invite:revoke') ? (
        <ConfirmDialog
          trigger={
            <Button variant="danger" size="sm">
              {t('pendingInvites.revoke')}
            </Button>
          }
          title={t('pendingInvites.revokeTheInvitationFor', { email: invite.email })}
          description={t('pendingInvites.theLinkInTheir')}
          confirmLabel={t('pendingInvites.revokeInvitation')}
          isPending={revoke.isPending}
          onConfirm={() => revoke.mutate({ slug, inviteId: invite.id })}
        />
      ) : null}
    </>
  );
}

const columns: Array<ListColumn<Invite>> = [
  { label: t('pendingInvites.email'), cell: (invite) => invite.email },
  { label: t('pendingInvites.role'), cell: (invite) => roleLabel(invite.role) },
  { label: t('pendingInvites.sent'), cell: (invite) => formatDate(invite.sent_at) },
  {
    label: t('pendingInvites.expires'),
    cell: (invite) => (invite.expired ? <Badge tone="muted">{t('pendingInvites.expired')}</Badge> : formatDate(invite.expires_at)),
  },
];

/** `onInviteFirst` leads to the invite form; absent when the viewer may not invite. */
export function PendingInvites({ slug, role, onInviteFirst }: { slug: string; role: Role; onInviteFirst?: (() => void) | undefined }) {
  const { query: invites, items: invitesItems } = useInvites(slug);

  if (invites.isPending) return <PageSpinner label={t('pendingInvites.loadingInvitations')} />;
  if (invites.isError) return <ErrorBanner error={invites.error} onRetry={() => invites.refetch()} />;
  return (
    <>
      <ListTable
        items={invitesItems}
        columns={columns}
        actions={(invite) => <InviteActions slug={slug} invite={invite} role={role} />}
        rowTestId="invite-row"
        empty={
          <EmptyState
            level={3}
            title={t('pendingInvites.noPendingInvitations')}
            description={t('pendingInvites.peopleYouInviteBy')}
            action={onInviteFirst ? { label: t('pendingInvites.inviteSomeone'), onClick: onInviteFirst } : null}
          />
        }
      />
      <LoadMore query={invites} />
    </>
  );
}
