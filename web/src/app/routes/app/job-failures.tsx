import { JobFailuresView } from '@/features/job-failures/components/job-failures-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function JobFailuresRoute() {
  const { workspace } = useWorkspace();
  return <JobFailuresView slug={workspace.slug} />;
}
