import { WorkspaceSettingsView } from '@/features/workspaces/components/workspace-settings-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function WorkspaceSettingsRoute() {
  const { workspace, role } = useWorkspace();
  return <WorkspaceSettingsView slug={workspace.slug} role={role} />;
}
