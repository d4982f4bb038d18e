import { lazyPage } from '@/app/lazy-page';
import type { WorkspaceFeature } from '@/config/workspace-features';
import { __itemVar__Paths } from './paths';
import { t } from '@/lib/i18n';

/** __Items_title__: its pages (loaded on first visit) and its navigation link. */
export const feature: WorkspaceFeature = {
  label: t('__itemVar__.title'),
  home: (slug) => __itemVar__Paths.list.getHref(slug),
  routes: [
    { path: __itemVar__Paths.list.path, element: lazyPage(() => import('./routes/__items__'), '__Items__Route') },
    { path: __itemVar__Paths.detail.path, element: lazyPage(() => import('./routes/__item__'), '__Item__Route') },
  ],
};
