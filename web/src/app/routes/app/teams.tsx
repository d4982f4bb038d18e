import { useParams } from 'react-router';
import { TeamView } from '@/features/teams/components/team-view';
import { TeamsView } from '@/features/teams/components/teams-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function TeamsRoute() {
  const { workspace, role } = useWorkspace();
  return <TeamsView slug={workspace.slug} role={role} />;
}

export function TeamRoute() {
  const { workspace, role } = useWorkspace();
  const { teamId = '' } = useParams();
  return <TeamView key={teamId} slug={workspace.slug} teamId={teamId} role={role} />;
}
