import { useParams } from 'react-router';
import { ProjectView } from '@/features/projects/components/project-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function ProjectRoute() {
  const { projectId = '' } = useParams();
  const { workspace, role } = useWorkspace();
  return <ProjectView slug={workspace.slug} role={role} projectId={projectId} />;
}
