import type { WorkspaceFeature } from '@/config/workspace-features';
import { __itemVar__Paths } from './paths';
import { __Item__Route } from './routes/__item__';
import { __Items__Route } from './routes/__items__';

/** __Items_title__: its pages and its navigation link. */
export const feature: WorkspaceFeature = {
  label: '__Items_title__',
  home: (slug) => __itemVar__Paths.list.getHref(slug),
  routes: [
    { path: __itemVar__Paths.list.path, element: <__Items__Route /> },
    { path: __itemVar__Paths.detail.path, element: <__Item__Route /> },
  ],
};
