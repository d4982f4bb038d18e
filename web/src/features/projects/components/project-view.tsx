import { Link, useNavigate } from 'react-router';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { projectPaths } from '../paths';
import { can, type Role } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useProject } from '../api/get-project';
import { DeleteProjectButton } from './delete-project-button';
import { EditProjectForm } from './edit-project-form';
import { ProjectDetails } from './project-details';

export function ProjectView({ slug, role, projectId }: { slug: string; role: Role; projectId: string }) {
  const navigate = useNavigate();
  const project = useProject(slug, projectId);
  const listHref = projectPaths.list.getHref(slug);

  return (
    <div className="page page--narrow">
      <Link to={listHref} className="back-link">
        ← All projects
      </Link>
      {project.isPending ? <PageSpinner label="Loading project…" /> : null}
      {project.isError ? <ErrorBanner error={project.error} onRetry={() => project.refetch()} /> : null}
      {project.data ? (
        <>
          <div className="page__header">
            <h1 className="page__title">{project.data.name}</h1>
            {can(role, 'project:delete') ? (
              <DeleteProjectButton slug={slug} project={project.data} size="md" onDeleted={() => navigate(listHref, { replace: true })} />
            ) : null}
          </div>
          <div className="card">
            {can(role, 'project:update') ? (
              <>
                <EditProjectForm slug={slug} project={project.data} />
                <p className="muted small">Last updated {formatDateTime(project.data.updated_at)}</p>
              </>
            ) : (
              <ProjectDetails project={project.data} />
            )}
          </div>
        </>
      ) : null}
    </div>
  );
}
