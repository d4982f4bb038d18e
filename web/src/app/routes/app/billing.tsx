import { BillingView } from '@/features/billing/components/billing-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function BillingRoute() {
  const { workspace, role } = useWorkspace();
  return <BillingView slug={workspace.slug} role={role} />;
}
