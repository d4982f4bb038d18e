import { type Ref, useRef } from 'react';
import { addTeamMemberInput, teamNameInput } from '../../../../../worker/modules/members/members.input.ts';
import { Link, useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadMore } from '@/components/ui/load-more';
import { inlineFormClass, SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { PersonAvatar } from '@/features/files/components/avatar';
import { type Member, useMembers } from '@/features/members/api/get-members';
import { can, type Role, roleLabel } from '@/lib/authorization';
import { mergeRefs, useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { useDeleteTeam } from '../api/delete-team';
import { type Team, useTeam } from '../api/get-team';
import { useRenameTeam } from '../api/rename-team';
import { useAddTeamMember, useRemoveTeamMember } from '../api/team-members';
import { Card } from '@/components/ui/card';

function RenameTeamForm({ slug, team }: { slug: string; team: Team }) {
  const rename = useRenameTeam();
  const form = useSchemaForm(teamNameInput, { defaultValues: { name: team.name }, serverError: rename.error });
  return (
    <form className={inlineFormClass} noValidate onSubmit={form.handleSubmit(({ name }) => rename.mutate({ slug, teamId: team.id, name }))}>
      <TextField label={t('teams.name')} required {...form.register('name')} errors={form.errorsOf('name')} />
      <FormError error={rename.error} shown={['name']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="secondary" isLoading={rename.isPending}>
          {t('teams.rename')}
        </Button>
      </div>
    </form>
  );
}

function AddMemberForm({ slug, team, memberRef }: { slug: string; team: Team; memberRef: Ref<HTMLSelectElement> }) {
  const { query: members, items: memberItems } = useMembers(slug);
  if (members.isPending) return null;
  if (members.isError) return <ErrorBanner error={members.error} onRetry={() => members.refetch()} />;
  const inTeam = new Set(team.members.map((m) => m.member_id));
  const candidates = memberItems.filter((m) => !inTeam.has(m.id));
  // Members not loaded yet may be outside the team: the next page is offered before "everyone".
  if (candidates.length === 0) {
    return members.hasNextPage ? <LoadMore query={members} /> : <p className="text-muted">{t('teamView.everyoneInTheWorkspace')}</p>;
  }
  // A fresh form for each set of candidates: the one picked first is always one still outside the team.
  return (
    <>
      <MemberPicker key={candidates.map((m) => m.id).join()} slug={slug} teamId={team.id} candidates={candidates} memberRef={memberRef} />
      <LoadMore query={members} />
    </>
  );
}

function MemberPicker({
  slug,
  teamId,
  candidates,
  memberRef,
}: {
  slug: string;
  teamId: string;
  candidates: Member[];
  memberRef: Ref<HTMLSelectElement>;
}) {
  const add = useAddTeamMember();
  const form = useSchemaForm(addTeamMemberInput, { defaultValues: { member_id: candidates[0]?.id ?? '' }, serverError: add.error });
  const memberId = form.register('member_id');
  return (
    <form
      className={inlineFormClass}
      noValidate
      onSubmit={form.handleSubmit(({ member_id }) => add.mutate({ slug, teamId, memberId: member_id }))}
    >
      <SelectField
        label={t('teamView.member')}
        options={candidates.map((m) => ({ value: m.id, label: `${m.user.name} (${m.user.email})` }))}
        required
        {...memberId}
        ref={mergeRefs(memberId.ref, memberRef)}
        errors={form.errorsOf('member_id')}
      />
      <FormError error={add.error} shown={['member_id']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={add.isPending}>
          {t('teamView.addToTeam')}
        </Button>
      </div>
    </form>
  );
}

function RemoveFromTeamButton({
  slug,
  teamId,
  teamName,
  memberId,
  name,
}: {
  slug: string;
  teamId: string;
  teamName: string;
  memberId: string;
  name: string;
}) {
  const remove = useRemoveTeamMember();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size="sm" aria-label={t('teamView.removeFromTheTeam', { name })}>
          {t('teamView.remove')}
        </Button>
      }
      title={t('teamView.removeFrom', { name, teamName })}
      description={t('teamView.theyStayAMember')}
      confirmLabel={t('teamView.removeFromTeam')}
      isPending={remove.isPending}
      onConfirm={() => remove.mutate({ slug, teamId, memberId })}
    />
  );
}

/** A team member's name with their picture, which the workspace's member list (cached) says where to find. */
function TeamMemberName({ slug, member }: { slug: string; member: Team['members'][number] }) {
  const { items } = useMembers(slug);
  const avatarUrl = items.find((m) => m.id === member.member_id)?.avatar_url;
  return (
    <span className="inline-flex min-w-0 items-center gap-2">
      <PersonAvatar name={member.user.name} src={avatarUrl} className="size-7 text-xs" />
      <span className="min-w-0 break-words">{member.user.name}</span>
    </span>
  );
}

const memberColumns = (slug: string): Array<ListColumn<Team['members'][number]>> => [
  { label: t('teamView.name'), cell: (m) => <TeamMemberName slug={slug} member={m} /> },
  { label: t('teamView.email'), cell: (m) => m.user.email },
  { label: t('teamView.role'), cell: (m) => roleLabel(m.role) },
];

export function TeamView({ slug, teamId, role }: { slug: string; teamId: string; role: Role }) {
  const team = useTeam(slug, teamId);
  const memberField = useRef<HTMLSelectElement>(null);
  const navigate = useNavigate();
  const remove = useDeleteTeam({ onSuccess: () => navigate(paths.workspace.teams.getHref(slug)) });

  if (team.isPending) return <PageSpinner label={t('teamView.loadingTeam')} />;
  if (team.isError) return <ErrorBanner error={team.error} onRetry={() => team.refetch()} />;
  const manage = can(role, 'team:manage_members');

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <p>
        <Link to={paths.workspace.teams.getHref(slug)}>{t('teamView.teams')}</Link>
      </p>
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{team.data.name}</h1>
        {can(role, 'team:delete') ? (
          <ConfirmDialog
            trigger={<Button variant="danger">{t('teamView.deleteTeam')}</Button>}
            title={t('teamView.deleteTheTeam', { name: team.data.name })}
            description={t('teamView.itsMembersStayIn')}
            confirmLabel={t('teamView.deleteTeam')}
            isPending={remove.isPending}
            onConfirm={() => remove.mutate({ slug, teamId })}
          />
        ) : null}
      </div>
      {can(role, 'team:update') ? (
        <Card>
          <RenameTeamForm key={team.data.name} slug={slug} team={team.data} />
        </Card>
      ) : null}
      {manage ? (
        <Card aria-labelledby="add-member-title">
          <h2 className="text-lg font-semibold" id="add-member-title">
            {t('teamView.addAMember')}
          </h2>
          <AddMemberForm slug={slug} team={team.data} memberRef={memberField} />
        </Card>
      ) : null}
      <ListTable
        items={team.data.members.map((m) => ({ ...m, id: m.member_id }))}
        columns={memberColumns(slug)}
        actions={(m) =>
          manage ? (
            <RemoveFromTeamButton slug={slug} teamId={teamId} teamName={team.data.name} memberId={m.member_id} name={m.user.name} />
          ) : null
        }
        rowTestId="team-member-row"
        empty={
          <EmptyState
            title={t('teamView.nobodyInThisTeam')}
            description={manage ? t('teamView.addMembersOfThis') : t('teamView.aTeamGroupsMembers')}
            action={manage ? { label: t('teamView.addTheFirstMember'), onClick: () => memberField.current?.focus() } : null}
          />
        }
      />
    </div>
  );
}
