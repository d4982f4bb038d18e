import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { projectPaths } from '../paths';
import { can, type Role } from '@/lib/authorization';
import { formatDate } from '@/lib/format';
import type { Project } from '../api/get-project';
import { DeleteProjectButton } from './delete-project-button';
import { t } from '@/lib/i18n';

export function ProjectRow({ slug, role, project }: { slug: string; role: Role; project: Project }) {
  const href = projectPaths.detail.getHref(slug, project.id);
  return (
    <li className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between" data-testid="project-row">
      <div className="flex min-w-0 flex-col gap-0.5">
        <div className="flex flex-wrap items-center gap-2">
          <Link to={href} className="min-w-0 font-medium break-words">
            {project.name}
          </Link>
          <Badge tone={project.status === 'active' ? 'success' : 'muted'}>{t(`projects.status.${project.status}`)}</Badge>
        </div>
        {project.description ? <p className="text-sm break-words">{project.description}</p> : null}
        <p className="text-sm text-muted">{t('projectRow.created', { when: formatDate(project.created_at) })}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        {can(role, 'project:update') ? (
          <Link to={href} className={buttonClass('secondary', 'sm')}>
            {t('projectRow.edit')}
          </Link>
        ) : null}
        {can(role, 'project:delete') ? <DeleteProjectButton slug={slug} project={project} /> : null}
      </div>
    </li>
  );
}
