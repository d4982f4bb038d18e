import { FolderKanban } from 'lucide-react';
import { lazyPage } from '@/app/lazy-page';
import type { WorkspaceFeature } from '@/config/workspace-features';
import { projectPaths } from './paths';
import { t } from '@/lib/i18n';

/** The sample product feature: its pages, its navigation link, its onboarding checklist link. */
export const feature: WorkspaceFeature = {
  label: t('projects.title'),
  icon: FolderKanban,
  home: (slug) => projectPaths.list.getHref(slug),
  routes: [
    // Loaded on first visit, like the platform's pages: the first load carries only the shell.
    { path: projectPaths.list.path, element: lazyPage(() => import('./routes/projects'), 'ProjectsRoute') },
    { path: projectPaths.detail.path, element: lazyPage(() => import('./routes/project'), 'ProjectRoute') },
  ],
  checklist: { create_project: (slug) => projectPaths.list.getHref(slug) },
};
