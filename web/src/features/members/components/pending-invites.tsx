import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
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
        <Button variant="danger" size="sm" isLoading={revoke.isPending} onClick={() => revoke.mutate({ slug, inviteId: invite.id })}>
          Revoke
        </Button>
      ) : null}
    </>
  );
}

/** `onInviteFirst` leads to the invite form; absent when the viewer may not invite. */
export function PendingInvites({
  slug,
  role,
  onInviteFirst,
}: {
  slug: string;
  role: Role;
  onInviteFirst?: (() => void) | undefined;
}) {
  const invites = useInvites(slug);

  if (invites.isPending) return <PageSpinner label="Loading invitations…" />;
  if (invites.isError) return <ErrorBanner error={invites.error} onRetry={() => invites.refetch()} />;
  if (invites.data.items.length === 0) {
    return (
      <EmptyState
        level={3}
        title="No pending invitations"
        description="People you invite by email are listed here until they accept."
        action={onInviteFirst ? { label: 'Invite someone', onClick: onInviteFirst } : null}
      />
    );
  }

  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Sent</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invites.data.items.map((invite) => (
            <tr key={invite.id} data-testid="invite-row">
              <td data-label="Email">{invite.email}</td>
              <td data-label="Role">{invite.role}</td>
              <td data-label="Sent">{formatDate(invite.sent_at)}</td>
              <td data-label="Expires">{invite.expired ? <Badge tone="muted">Expired</Badge> : formatDate(invite.expires_at)}</td>
              <td className="table__actions">
                <InviteActions slug={slug} invite={invite} role={role} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
