import { useRef } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadMore } from '@/components/ui/load-more';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { can, type Role } from '@/lib/authorization';
import { type TeamSummary, useTeams } from '../api/get-teams';
import { CreateTeamForm } from './create-team-form';
import { t } from '@/lib/i18n';
import { Card } from '@/components/ui/card';

const columns = (slug: string): Array<ListColumn<TeamSummary>> => [
  { label: t('teamsView.team'), cell: (team) => <Link to={paths.workspace.team.getHref(slug, team.id)}>{team.name}</Link> },
  { label: t('teamsView.members'), cell: (team) => team.member_count },
];

export function TeamsView({ slug, role }: { slug: string; role: Role }) {
  const { query: teams, items: teamsItems } = useTeams(slug);
  const nameField = useRef<HTMLInputElement>(null);
  const canCreate = can(role, 'team:create');
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('teamsView.teams')}</h1>
      </div>
      {canCreate ? (
        <Card aria-labelledby="create-team-title">
          <h2 className="text-lg font-semibold" id="create-team-title">
            {t('teamsView.newTeam')}
          </h2>
          <CreateTeamForm slug={slug} nameRef={nameField} />
        </Card>
      ) : null}
      {teams.isPending ? <PageSpinner label={t('teamsView.loadingTeams')} /> : null}
      {teams.isError ? <ErrorBanner error={teams.error} onRetry={() => teams.refetch()} /> : null}
      {teams.data ? (
        <>
          <ListTable
            items={teamsItems}
            columns={columns(slug)}
            rowTestId="team-row"
            empty={
              <EmptyState
                title={t('teamsView.noTeamsYet')}
                description={canCreate ? t('teamsView.teamsGroupMembersOf') : t('teamsView.teamsGroupMembersOf2')}
                action={canCreate ? { label: t('teamsView.createYourFirstTeam'), onClick: () => nameField.current?.focus() } : null}
              />
            }
          />
          <LoadMore query={teams} />
        </>
      ) : null}
    </div>
  );
}
