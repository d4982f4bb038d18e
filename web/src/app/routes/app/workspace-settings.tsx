import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { AuditExportSection } from '@/features/audit/components/audit-export-section';
import { useFlag } from '@/features/flags/api/get-flags';
import { can } from '@/lib/authorization';
import { LeaveWorkspaceSection } from '@/features/workspaces/components/leave-workspace-section';
import { WorkspaceSettingsView } from '@/features/workspaces/components/workspace-settings-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function WorkspaceSettingsRoute() {
  const { workspace, role } = useWorkspace();
  const navigate = useNavigate();
  const exportsOn = useFlag(workspace.slug, 'audit.exports');
  return (
    <WorkspaceSettingsView slug={workspace.slug} role={role}>
      {can(role, 'audit:read') && exportsOn ? <AuditExportSection slug={workspace.slug} /> : null}
      <LeaveWorkspaceSection
        slug={workspace.slug}
        name={workspace.name}
        role={role}
        onLeft={() => navigate(paths.home.getHref(), { replace: true })}
      />
    </WorkspaceSettingsView>
  );
}
