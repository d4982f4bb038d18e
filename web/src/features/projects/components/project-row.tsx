import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { projectPaths } from '../paths';
import { can, type Role } from '@/lib/authorization';
import { formatDate } from '@/lib/format';
import type { Project } from '../api/get-project';
import { DeleteProjectButton } from './delete-project-button';

export function ProjectRow({ slug, role, project }: { slug: string; role: Role; project: Project }) {
  const href = projectPaths.detail.getHref(slug, project.id);
  return (
    <li className="row" data-testid="project-row">
      <div className="row__main">
        <div className="row__title">
          <Link to={href} className="row__name">
            {project.name}
          </Link>
          <Badge tone={project.status === 'active' ? 'success' : 'muted'}>{project.status}</Badge>
        </div>
        {project.description ? <p className="row__description">{project.description}</p> : null}
        <p className="row__meta">Created {formatDate(project.created_at)}</p>
      </div>
      <div className="row__actions">
        {can(role, 'project:update') ? (
          <Link to={href} className={buttonClass('secondary', 'sm')}>
            Edit
          </Link>
        ) : null}
        {can(role, 'project:delete') ? <DeleteProjectButton slug={slug} project={project} /> : null}
      </div>
    </li>
  );
}
