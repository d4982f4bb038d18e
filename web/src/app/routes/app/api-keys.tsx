import { ApiKeysView } from '@/features/api-keys/components/api-keys-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function ApiKeysRoute() {
  const { workspace, role } = useWorkspace();
  return <ApiKeysView slug={workspace.slug} role={role} />;
}
