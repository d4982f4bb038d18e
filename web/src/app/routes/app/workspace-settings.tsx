import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { LeaveWorkspaceSection } from '@/features/workspaces/components/leave-workspace-section';
import { WorkspaceSettingsView } from '@/features/workspaces/components/workspace-settings-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function WorkspaceSettingsRoute() {
  const { workspace, role } = useWorkspace();
  const navigate = useNavigate();
  return (
    <WorkspaceSettingsView slug={workspace.slug} role={role}>
      <LeaveWorkspaceSection
        slug={workspace.slug}
        name={workspace.name}
        role={role}
        onLeft={() => navigate(paths.home.getHref(), { replace: true })}
      />
    </WorkspaceSettingsView>
  );
}
