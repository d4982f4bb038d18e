import { Badge } from '@/components/ui/badge';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { NativeSelect } from '@/components/ui/input';
import { LoadMore } from '@/components/ui/load-more';
import { ListTable } from '@/components/ui/list-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { PersonAvatar } from '@/features/files/components/avatar';
import { assignableRolesFor, can, type Role, roleLabel } from '@/lib/authorization';
import { useChangeMemberRole } from '../api/change-member-role';
import { type Member, useMembers } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';
import { useTransferOwnership } from '../api/transfer-ownership';
import { t } from '@/lib/i18n';

/** Whether `role` may change or remove this member: owners are touched by owners only. */
const canManage = (role: Role, member: Member) =>
  can(role, 'member:update_role') && (member.role !== 'owner' || can(role, 'member:manage_owners'));

function RoleControl({ slug, role, member }: { slug: string; role: Role; member: Member }) {
  const change = useChangeMemberRole();
  if (!canManage(role, member)) return <>{roleLabel(member.role)}</>;
  return (
    <NativeSelect
      className="w-auto min-w-28"
      aria-label={t('membersTable.roleOf', { name: member.user.name })}
      value={member.role}
      disabled={change.isPending}
      onChange={(e) => {
        const next = assignableRolesFor(role).find((r) => r === e.target.value);
        if (next) change.mutate({ slug, memberId: member.id, role: next });
      }}
    >
      {assignableRolesFor(role).map((r) => (
        <option key={r} value={r}>
          {roleLabel(r)}
        </option>
      ))}
    </NativeSelect>
  );
}

function MemberActions({ slug, role, member }: { slug: string; role: Role; member: Member }) {
  const remove = useRemoveMember();
  const transfer = useTransferOwnership();
  return (
    <>
      {can(role, 'workspace:transfer_ownership') && !member.is_you && member.role !== 'owner' ? (
        <ConfirmDialog
          trigger={
            <Button variant="secondary" size="sm">
              {t('membersTable.transferOwnership')}
            </Button>
          }
          title={t('membersTable.makeTheOwner', { name: member.user.name })}
          description={t('membersTable.theyGetFullControl')}
          confirmLabel={t('membersTable.transferOwnership')}
          isPending={transfer.isPending}
          onConfirm={() => transfer.mutate({ slug, memberId: member.id })}
        />
      ) : null}
      {can(role, 'member:remove') && canManage(role, member) && !member.is_you ? (
        <ConfirmDialog
          trigger={
            <Button variant="danger" size="sm">
              {t('membersTable.remove')}
            </Button>
          }
          title={t('membersTable.remove2', { name: member.user.name })}
          description={t('membersTable.losesAccessToThis', { email: member.user.email })}
          confirmLabel={t('membersTable.removeMember')}
          isPending={remove.isPending}
          onConfirm={() => remove.mutate({ slug, memberId: member.id })}
        />
      ) : null}
    </>
  );
}

export function MembersTable({ slug, role }: { slug: string; role: Role }) {
  const { query: members, items: memberItems } = useMembers(slug);

  if (members.isPending) return <PageSpinner label={t('membersTable.loadingMembers')} />;
  if (members.isError) return <ErrorBanner error={members.error} onRetry={() => members.refetch()} />;

  return (
    <>
      <ListTable
        items={memberItems}
        columns={[
          {
            label: t('membersTable.name'),
            cell: (member) => (
              <span className="inline-flex min-w-0 items-center gap-2">
                <PersonAvatar name={member.user.name} src={member.avatar_url} className="size-7 text-xs" />
                <span className="min-w-0 break-words">
                  {member.user.name} {member.is_you ? <Badge tone="muted">{t('membersTable.you')}</Badge> : null}
                </span>
              </span>
            ),
          },
          { label: t('membersTable.email'), cell: (member) => member.user.email },
          { label: t('membersTable.role'), cell: (member) => <RoleControl slug={slug} role={role} member={member} /> },
          { label: t('membersTable.joined'), cell: (member) => <RelativeTime iso={member.joined_at} /> },
        ]}
        actions={(member) => <MemberActions slug={slug} role={role} member={member} />}
        rowTestId="member-row"
      />
      <LoadMore query={members} />
    </>
  );
}
