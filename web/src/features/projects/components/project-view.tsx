import { Link, useNavigate } from 'react-router';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { projectPaths } from '../paths';
import { can, type Role } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useProject } from '../api/get-project';
import { DeleteProjectButton } from './delete-project-button';
import { EditProjectForm } from './edit-project-form';
import { ProjectAttachments } from './project-attachments';
import { ProjectDetails } from './project-details';
import { t } from '@/lib/i18n';
import { cardClass } from '@/components/ui/card';

export function ProjectView({ slug, role, projectId }: { slug: string; role: Role; projectId: string }) {
  const navigate = useNavigate();
  const project = useProject(slug, projectId);
  const listHref = projectPaths.list.getHref(slug);

  return (
    <div className="flex w-full max-w-2xl min-w-0 flex-col gap-6">
      <Link to={listHref} className="inline-flex items-center gap-1 text-sm text-muted">
        {t('projectView.allProjects')}
      </Link>
      {project.isPending ? <PageSpinner label={t('projectView.loadingProject')} /> : null}
      {project.isError ? <ErrorBanner error={project.error} onRetry={() => project.refetch()} /> : null}
      {project.data ? (
        <>
          <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <h1 className="text-2xl font-semibold tracking-tight">{project.data.name}</h1>
            {can(role, 'project:delete') ? (
              <DeleteProjectButton slug={slug} project={project.data} size="md" onDeleted={() => navigate(listHref, { replace: true })} />
            ) : null}
          </div>
          <div className={cardClass}>
            {can(role, 'project:update') ? (
              <>
                <EditProjectForm slug={slug} project={project.data} />
                <p className="text-sm text-muted">{t('projectView.lastUpdated', { when: formatDateTime(project.data.updated_at) })}</p>
              </>
            ) : (
              <ProjectDetails project={project.data} />
            )}
          </div>
          <ProjectAttachments slug={slug} role={role} projectId={projectId} />
        </>
      ) : null}
    </div>
  );
}
