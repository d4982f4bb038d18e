import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadMore } from '@/components/ui/load-more';
import { PageSpinner } from '@/components/ui/spinner';
import { useFlag } from '@/features/flags/api/get-flags';
import { can, type Role } from '@/lib/authorization';
import { type ProjectFilters as Filters, useProjects } from '../api/get-projects';
import { CreateProjectPanel } from './create-project-panel';
import { ImportProjectsPanel } from './import-projects-panel';
import { asStatus, ProjectSortField, StatusTabs } from './project-filters';
import { ProjectRow } from './project-row';
import { Tabs, TabsContent } from '@/components/ui/tabs';
import { t } from '@/lib/i18n';

export function ProjectsView({ slug, role }: { slug: string; role: Role }) {
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const { query: projects, items } = useProjects(slug, filters);
  const canCreate = can(role, 'project:create');
  const importOn = useFlag(slug, 'projects.csv-import');
  const canImport = can(role, 'project:import') && importOn;

  const isFiltered = filters.status !== undefined;
  const isEmpty = projects.isSuccess && items.length === 0;
  const openCreate = () => setCreating(true);
  // One "Create project" control at a time: the empty state's action, the header's, or the form's.
  const showHeaderAction = canCreate && !creating && !(isEmpty && !isFiltered);

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('projectsView.projects')}</h1>
        <div className="flex flex-wrap gap-2">
          {canImport && !importing ? (
            <Button variant="secondary" onClick={() => setImporting(true)}>
              {t('projectsView.importCsv')}
            </Button>
          ) : null}
          {showHeaderAction ? <Button onClick={openCreate}>{t('projectsView.createProject')}</Button> : null}
        </div>
      </div>

      {importing ? <ImportProjectsPanel slug={slug} onClose={() => setImporting(false)} /> : null}

      {creating ? <CreateProjectPanel slug={slug} onClose={() => setCreating(false)} /> : null}

      {isEmpty && !isFiltered ? (
        creating ? null : (
          <EmptyState
            title={t('projectsView.noProjectsYet')}
            description={canCreate ? t('projectsView.projectsKeepAPiece') : t('projectsView.projectsKeepAPiece2')}
            action={canCreate ? { label: t('projectsView.createProject2'), onClick: openCreate } : null}
          />
        )
      ) : (
        <Tabs
          value={filters.status ?? 'all'}
          onValueChange={(value) => {
            const status = asStatus(value);
            setFilters(({ status: _, ...rest }) => (status ? { ...rest, status } : rest));
          }}
          className="flex min-w-0 flex-col gap-4"
        >
          <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
            <StatusTabs />
            <ProjectSortField filters={filters} onChange={setFilters} />
          </div>
          <TabsContent value={filters.status ?? 'all'}>
            {projects.isPending ? <PageSpinner label={t('projectsView.loadingProjects')} /> : null}
            {projects.isError && items.length === 0 ? <ErrorBanner error={projects.error} onRetry={() => projects.refetch()} /> : null}
            {isEmpty ? (
              <EmptyState
                title={t('projectsView.noMatchingProjects')}
                description={t('projectsView.noProjectInThis')}
                action={{ label: t('projectsView.showAllProjects'), onClick: () => setFilters(({ status: _, ...rest }) => rest) }}
              />
            ) : null}
            {items.length > 0 ? (
              <ul className="flex flex-col divide-y divide-border" aria-label={t('projectsView.projects')}>
                {items.map((project) => (
                  <ProjectRow key={project.id} slug={slug} role={role} project={project} />
                ))}
              </ul>
            ) : null}
            <LoadMore query={projects} />
          </TabsContent>
        </Tabs>
      )}
    </div>
  );
}
