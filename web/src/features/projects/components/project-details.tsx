import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/lib/format';
import type { Project } from '../api/get-project';
import { t } from '@/lib/i18n';

/** Read-only view for roles that cannot edit projects. */
export function ProjectDetails({ project }: { project: Project }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr] [&_dt]:text-muted [&_dd]:min-w-0 [&_dd]:break-words">
      <dt>{t('projectDetails.projectName')}</dt>
      <dd>{project.name}</dd>
      <dt>{t('projectDetails.description')}</dt>
      <dd>{project.description ?? <span className="text-muted">{t('projectDetails.noDescription')}</span>}</dd>
      <dt>{t('projectDetails.status')}</dt>
      <dd>
        <Badge tone={project.status === 'active' ? 'success' : 'muted'}>{t(`projects.status.${project.status}`)}</Badge>
      </dd>
      <dt>{t('projectDetails.created')}</dt>
      <dd>{formatDateTime(project.created_at)}</dd>
      <dt>{t('projectDetails.updated')}</dt>
      <dd>{formatDateTime(project.updated_at)}</dd>
    </dl>
  );
}
