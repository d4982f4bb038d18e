import { EmptyState } from '@/components/ui/empty-state';
import { paths } from '@/config/paths';

export function NotFoundRoute() {
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <EmptyState
        title="Page not found"
        description="The address may be mistyped, or the page has moved."
        action={{ label: 'Go to the start page', to: paths.home.getHref() }}
      />
    </main>
  );
}
