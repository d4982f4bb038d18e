import { __Items__View } from '@/features/__items__/components/__items__-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function __Items__Route() {
  const { workspace, role } = useWorkspace();
  return <__Items__View slug={workspace.slug} role={role} />;
}
