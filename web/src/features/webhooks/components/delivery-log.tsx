import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { LoadMore } from '@/components/ui/load-more';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import { type Delivery, useDeliveries, useReplayDelivery } from '../api/webhooks';
import { DeliveryStatus } from './endpoint-status';

const columns: Array<ListColumn<Delivery>> = [
  { label: t('webhooks.delivery.event'), cell: (d) => <code className="font-mono text-xs">{d.event_type}</code> },
  { label: t('webhooks.statusLabel'), cell: (d) => <DeliveryStatus status={d.status} /> },
  {
    label: t('webhooks.delivery.answer'),
    cell: (d) => (d.response_status !== null ? String(d.response_status) : (d.error ?? t('webhooks.delivery.noAnswer'))),
  },
  { label: t('webhooks.delivery.attempt'), cell: (d) => String(d.attempt) },
  { label: t('webhooks.delivery.when'), cell: (d) => <RelativeTime iso={d.updated_at} /> },
];

function ReplayButton({ slug, endpointId, delivery }: { slug: string; endpointId: string; delivery: Delivery }) {
  const replay = useReplayDelivery(slug, endpointId);
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={t('webhooks.delivery.replayOne', { type: delivery.event_type })}
      isLoading={replay.isPending}
      onClick={() =>
        replay.mutate(delivery.id, { onSuccess: () => addNotification({ kind: 'success', message: t('webhooks.delivery.replayed') }) })
      }
    >
      {t('webhooks.delivery.replay')}
    </Button>
  );
}

/** Every attempt to reach the endpoint, newest first, a page at a time; any one can be sent again. */
export function DeliveryLog({ slug, endpointId }: { slug: string; endpointId: string }) {
  const { query: deliveries, items } = useDeliveries(slug, endpointId);
  return (
    <section className="flex min-w-0 flex-col gap-4" aria-labelledby="deliveries-title">
      <div className="flex min-w-0 flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold" id="deliveries-title">
          {t('webhooks.delivery.title')}
        </h2>
        <Button variant="ghost" size="sm" isLoading={deliveries.isRefetching} onClick={() => deliveries.refetch()}>
          {t('webhooks.delivery.refresh')}
        </Button>
      </div>
      {deliveries.isPending ? (
        <PageSpinner label={t('webhooks.delivery.loading')} />
      ) : deliveries.isError ? (
        <ErrorBanner error={deliveries.error} onRetry={() => deliveries.refetch()} />
      ) : (
        <>
          <ListTable
            items={items}
            columns={columns}
            actions={(d) => <ReplayButton slug={slug} endpointId={endpointId} delivery={d} />}
            rowTestId="webhook-delivery-row"
            empty={<EmptyState level={3} title={t('webhooks.delivery.none')} description={t('webhooks.delivery.noneHint')} action={null} />}
          />
          <LoadMore query={deliveries} />
        </>
      )}
    </section>
  );
}
