import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { LeaveWorkspaceSection } from '@/features/workspaces/components/leave-workspace-section';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function WorkspaceSettingsRoute() {
  const { workspace, role } = useWorkspace();
  const navigate = useNavigate();
  return (
    <div className="page page--narrow">
      <h1 className="page__title">Workspace settings</h1>
      <p className="muted">
        {workspace.name} · /w/{workspace.slug} · your role: {role}
      </p>
      <LeaveWorkspaceSection
        slug={workspace.slug}
        name={workspace.name}
        onLeft={() => navigate(paths.home.getHref(), { replace: true })}
      />
    </div>
  );
}
