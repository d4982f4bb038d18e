import { MembersView } from '@/features/members/components/members-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function MembersRoute() {
  const { workspace, role } = useWorkspace();
  return <MembersView slug={workspace.slug} role={role} />;
}
