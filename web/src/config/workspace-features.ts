import type { LucideIcon } from 'lucide-react';
import type { RouteObject } from 'react-router';
import { paths } from './paths';

/**
 * A product feature's part of a workspace, declared in `features/<name>/feature.tsx` (export
 * `feature`) and found there by name: adding or deleting a feature folder is the whole change.
 */
export interface WorkspaceFeature {
  /** Its link in the workspace navigation, ordered by `order` (then folder name). */
  label: string;
  /** Its icon in the sidebar (lucide-react); a generic one when absent. */
  icon?: LucideIcon;
  order?: number;
  /** Its main page: the nav link, and the workspace's landing page when it comes first. */
  home: (slug: string) => string;
  /** Its pages, as children of `/w/:slug` (absolute paths under it). */
  routes: RouteObject[];
  /** Where the onboarding checklist links an item its module contributes, by item id. */
  checklist?: Record<string, (slug: string) => string>;
}

const discovered = import.meta.glob<WorkspaceFeature>('../features/*/feature.tsx', { eager: true, import: 'feature' });

export const workspaceFeatures: WorkspaceFeature[] = Object.keys(discovered)
  .sort()
  .flatMap((file) => discovered[file] ?? [])
  .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));

/** Where a workspace opens: its first feature's page, or its members when it has no feature. */
export function workspaceHome(slug: string): string {
  return workspaceFeatures[0]?.home(slug) ?? paths.workspace.members.getHref(slug);
}

/** The checklist link of an item a feature's module contributes, if the feature has one. */
export function checklistHref(itemId: string, slug: string): string | null {
  for (const feature of workspaceFeatures) {
    const href = feature.checklist?.[itemId];
    if (href) return href(slug);
  }
  return null;
}
