import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { t } from '@/lib/i18n';
import { type CreatedEndpoint, useWebhookEndpoints, type WebhookEndpoint } from '../api/webhooks';
import { CreateEndpointForm } from './create-endpoint-form';
import { EndpointStatus } from './endpoint-status';
import { SecretReveal } from '@/components/ui/secret-reveal';
import { Card } from '@/components/ui/card';

const columnsFor = (slug: string): Array<ListColumn<WebhookEndpoint>> => [
  {
    label: t('webhooks.url'),
    cell: (e) => (
      <Link className="font-medium break-all" to={paths.workspace.webhook.getHref(slug, e.id)}>
        {e.url}
      </Link>
    ),
  },
  { label: t('webhooks.description'), cell: (e) => e.description ?? '' },
  { label: t('webhooks.eventTypes'), cell: (e) => (e.event_types.length === 0 ? t('webhooks.allEvents') : e.event_types.join(', ')) },
  { label: t('webhooks.statusLabel'), cell: (e) => <EndpointStatus status={e.status} /> },
  { label: t('webhooks.created'), cell: (e) => <RelativeTime iso={e.created_at} /> },
];

/** The workspace's webhook endpoints: register one (its secret shown once), and open one for its deliveries. */
export function WebhooksView({ slug }: { slug: string }) {
  const endpoints = useWebhookEndpoints(slug);
  const [created, setCreated] = useState<CreatedEndpoint | null>(null);
  const urlField = useRef<HTMLInputElement>(null);
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('webhooks.title')}</h1>
      <p className="text-muted">{t('webhooks.intro')}</p>
      {endpoints.isPending ? (
        <PageSpinner label={t('webhooks.loading')} />
      ) : endpoints.isError ? (
        <ErrorBanner error={endpoints.error} onRetry={() => endpoints.refetch()} />
      ) : (
        <>
          {created ? (
            <SecretReveal
              title={t('webhooks.createdTitle', { url: created.url })}
              warning={t('webhooks.copySecretNow')}
              secret={created.secret}
              doneLabel={t('webhooks.secretCopied')}
              testId="webhook-secret"
              onDone={() => setCreated(null)}
            />
          ) : null}
          <Card aria-labelledby="new-endpoint-title">
            <h2 className="text-lg font-semibold" id="new-endpoint-title">
              {t('webhooks.newEndpoint')}
            </h2>
            <CreateEndpointForm slug={slug} eventTypes={endpoints.data.event_types} onCreated={setCreated} urlRef={urlField} />
          </Card>
          <ListTable
            items={endpoints.data.items}
            columns={columnsFor(slug)}
            rowTestId="webhook-endpoint-row"
            empty={
              <EmptyState
                title={t('webhooks.noneYet')}
                description={t('webhooks.noneYetHint')}
                action={{ label: t('webhooks.addFirst'), onClick: () => urlField.current?.focus() }}
              />
            }
          />
        </>
      )}
    </div>
  );
}
