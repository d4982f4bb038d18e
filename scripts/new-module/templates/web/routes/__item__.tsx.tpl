import { useParams } from 'react-router';
import { __Item__View } from '@/features/__items__/components/__item__-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function __Item__Route() {
  const { id = '' } = useParams();
  const { workspace, role } = useWorkspace();
  return <__Item__View slug={workspace.slug} role={role} id={id} />;
}
