import { FilesView } from '@/features/files/components/files-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function FilesRoute() {
  const { workspace, role } = useWorkspace();
  return <FilesView slug={workspace.slug} role={role} />;
}
