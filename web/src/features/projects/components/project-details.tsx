import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/lib/format';
import type { Project } from '../api/get-project';

/** Read-only view for roles that cannot edit projects. */
export function ProjectDetails({ project }: { project: Project }) {
  return (
    <dl className="details">
      <dt>Project name</dt>
      <dd>{project.name}</dd>
      <dt>Description</dt>
      <dd>{project.description ?? <span className="muted">No description</span>}</dd>
      <dt>Status</dt>
      <dd>
        <Badge tone={project.status === 'active' ? 'success' : 'muted'}>{project.status}</Badge>
      </dd>
      <dt>Created</dt>
      <dd>{formatDateTime(project.created_at)}</dd>
      <dt>Updated</dt>
      <dd>{formatDateTime(project.updated_at)}</dd>
    </dl>
  );
}
