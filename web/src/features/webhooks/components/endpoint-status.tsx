import { Badge } from '@/components/ui/badge';
import { t } from '@/lib/i18n';
import type { Delivery, WebhookEndpoint } from '../api/webhooks';

export function EndpointStatus({ status }: { status: WebhookEndpoint['status'] }) {
  if (status === 'active') return <Badge tone="success">{t('webhooks.status.active')}</Badge>;
  if (status === 'failing') return <Badge tone="danger">{t('webhooks.status.failing')}</Badge>;
  return <Badge tone="muted">{t('webhooks.status.disabled')}</Badge>;
}

export function DeliveryStatus({ status }: { status: Delivery['status'] }) {
  if (status === 'succeeded') return <Badge tone="success">{t('webhooks.delivery.succeeded')}</Badge>;
  if (status === 'failed') return <Badge tone="danger">{t('webhooks.delivery.failed')}</Badge>;
  if (status === 'retrying') return <Badge tone="neutral">{t('webhooks.delivery.retrying')}</Badge>;
  return <Badge tone="muted">{t('webhooks.delivery.pending')}</Badge>;
}
