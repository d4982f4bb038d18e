import { EmptyState } from '@/components/ui/empty-state';
import { paths } from '@/config/paths';
import { t } from '@/lib/i18n';

export function NotFoundRoute() {
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <EmptyState
        title={t('notFound.pageNotFound')}
        description={t('notFound.theAddressMayBe')}
        action={{ label: t('notFound.goToTheStart'), to: paths.home.getHref() }}
      />
    </main>
  );
}
