import { ProjectsView } from '@/features/projects/components/projects-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function ProjectsRoute() {
  const { workspace, role } = useWorkspace();
  return <ProjectsView slug={workspace.slug} role={role} />;
}
