import { FolderKanban } from 'lucide-react';
import type { WorkspaceFeature } from '@/config/workspace-features';
import { projectPaths } from './paths';
import { ProjectRoute } from './routes/project';
import { ProjectsRoute } from './routes/projects';

/** The sample product feature: its pages, its navigation link, its onboarding checklist link. */
export const feature: WorkspaceFeature = {
  label: 'Projects',
  icon: FolderKanban,
  home: (slug) => projectPaths.list.getHref(slug),
  routes: [
    { path: projectPaths.list.path, element: <ProjectsRoute /> },
    { path: projectPaths.detail.path, element: <ProjectRoute /> },
  ],
  checklist: { create_project: (slug) => projectPaths.list.getHref(slug) },
};
