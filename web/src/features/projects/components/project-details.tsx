import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/lib/format';
import type { Project } from '../api/get-project';

/** Read-only view for roles that cannot edit projects. */
export function ProjectDetails({ project }: { project: Project }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr] [&_dt]:text-muted [&_dd]:min-w-0 [&_dd]:break-words">
      <dt>Project name</dt>
      <dd>{project.name}</dd>
      <dt>Description</dt>
      <dd>{project.description ?? <span className="text-muted">No description</span>}</dd>
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
