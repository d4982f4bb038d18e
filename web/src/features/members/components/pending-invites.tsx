import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { PageSpinner } from '@/components/ui/spinner';
import { can, type Role } from '@/lib/authorization';
import { formatDate } from '@/lib/format';
import { type Invite, useInvites } from '../api/get-invites';
import { useResendInvite } from '../api/resend-invite';
import { useRevokeInvite } from '../api/revoke-invite';

function InviteActions({ slug, invite, role }: { slug: string; invite: Invite; role: Role }) {
  const resend = useResendInvite();
  const revoke = useRevokeInvite();
  return (
    <>
      {can(role, 'invite:resend') ? (
        <Button variant="secondary" size="sm" isLoading={resend.isPending} onClick={() => resend.mutate({ slug, inviteId: invite.id })}>
          Resend
        </Button>
      ) : null}
      {can(role, 'invite:revoke') ? (
        <ConfirmDialog
          trigger={
            <Button variant="danger" size="sm">
              Revoke
            </Button>
          }
          title={`Revoke the invitation for ${invite.email}?`}
          description="The link in their email stops working. You can invite them again later."
          confirmLabel="Revoke invitation"
          isPending={revoke.isPending}
          onConfirm={() => revoke.mutate({ slug, inviteId: invite.id })}
        />
      ) : null}
    </>
  );
}

const columns: Array<ListColumn<Invite>> = [
  { label: 'Email', cell: (invite) => invite.email },
  { label: 'Role', cell: (invite) => invite.role },
  { label: 'Sent', cell: (invite) => formatDate(invite.sent_at) },
  { label: 'Expires', cell: (invite) => (invite.expired ? <Badge tone="muted">Expired</Badge> : formatDate(invite.expires_at)) },
];

/** `onInviteFirst` leads to the invite form; absent when the viewer may not invite. */
export function PendingInvites({ slug, role, onInviteFirst }: { slug: string; role: Role; onInviteFirst?: (() => void) | undefined }) {
  const invites = useInvites(slug);

  if (invites.isPending) return <PageSpinner label="Loading invitations…" />;
  if (invites.isError) return <ErrorBanner error={invites.error} onRetry={() => invites.refetch()} />;
  return (
    <ListTable
      items={invites.data.items}
      columns={columns}
      actions={(invite) => <InviteActions slug={slug} invite={invite} role={role} />}
      rowTestId="invite-row"
      empty={
        <EmptyState
          level={3}
          title="No pending invitations"
          description="People you invite by email are listed here until they accept."
          action={onInviteFirst ? { label: 'Invite someone', onClick: onInviteFirst } : null}
        />
      }
    />
  );
}
