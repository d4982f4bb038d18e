import { type ComponentType, lazy, Suspense } from 'react';
import { PageSpinner } from '@/components/ui/spinner';

/**
 * A page loaded on first visit (its own JS chunk), so the first load carries only the shell and
 * the page the person opened. The shell around it stays painted; the page's skeleton shows while
 * its chunk arrives.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  return (
    <Suspense fallback={<PageSpinner />}>
      <Page />
    </Suspense>
  );
}
