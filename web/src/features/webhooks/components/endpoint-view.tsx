import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { FormError } from '@/components/ui/form-error';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import {
  useDeleteEndpoint,
  useRotateSecret,
  useSendTestEvent,
  useSetEndpointEnabled,
  useWebhookEndpoint,
  type WebhookEndpoint,
} from '../api/webhooks';
import { DeliveryLog } from './delivery-log';
import { EndpointStatus } from './endpoint-status';
import { SecretReveal } from '@/components/ui/secret-reveal';

function EndpointActions({ slug, endpoint, onRotated }: { slug: string; endpoint: WebhookEndpoint; onRotated: (secret: string) => void }) {
  const navigate = useNavigate();
  // The dialogs that leave the endpoint in place close themselves once the change is made.
  const [asking, setAsking] = useState<'rotate' | 'disable' | null>(null);
  const rotate = useRotateSecret(slug, endpoint.id, {
    onSuccess: (secret) => {
      setAsking(null);
      onRotated(secret);
    },
  });
  const enable = useSetEndpointEnabled(slug, endpoint.id, { onSuccess: () => setAsking(null) });
  const remove = useDeleteEndpoint(slug, endpoint.id, { onSuccess: () => navigate(paths.workspace.webhooks.getHref(slug)) });
  const sendTest = useSendTestEvent(slug, endpoint.id);
  const disabled = endpoint.status === 'disabled';
  return (
    <div className="flex min-w-0 flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          isLoading={sendTest.isPending}
          disabled={disabled}
          onClick={() =>
            sendTest.mutate(undefined, { onSuccess: () => addNotification({ kind: 'success', message: t('webhooks.testSent') }) })
          }
        >
          {t('webhooks.sendTest')}
        </Button>
        <ConfirmDialog
          trigger={<Button variant="secondary">{t('webhooks.rotate')}</Button>}
          open={asking === 'rotate'}
          onOpenChange={(open) => setAsking(open ? 'rotate' : null)}
          title={t('webhooks.rotateTitle', { url: endpoint.url })}
          description={t('webhooks.rotateDescription')}
          confirmLabel={t('webhooks.rotateConfirm')}
          variant="primary"
          isPending={rotate.isPending}
          error={rotate.error}
          onConfirm={() => rotate.mutate()}
        />
        {disabled ? (
          <Button variant="secondary" isLoading={enable.isPending} onClick={() => enable.mutate(true)}>
            {t('webhooks.enable')}
          </Button>
        ) : (
          <ConfirmDialog
            trigger={<Button variant="secondary">{t('webhooks.disable')}</Button>}
            open={asking === 'disable'}
            onOpenChange={(open) => setAsking(open ? 'disable' : null)}
            title={t('webhooks.disableTitle', { url: endpoint.url })}
            description={t('webhooks.disableDescription')}
            confirmLabel={t('webhooks.disable')}
            isPending={enable.isPending}
            error={enable.error}
            onConfirm={() => enable.mutate(false)}
          />
        )}
        <ConfirmDialog
          trigger={<Button variant="danger">{t('webhooks.delete')}</Button>}
          title={t('webhooks.deleteTitle', { url: endpoint.url })}
          description={t('webhooks.deleteDescription')}
          confirmLabel={t('webhooks.deleteConfirm')}
          isPending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate()}
        />
      </div>
      {/* Enabling asks nothing, so its refusal is said here; the dialogs say theirs inside. */}
      {disabled ? <FormError error={enable.error} shown={[]} /> : null}
    </div>
  );
}

/** One endpoint: what it receives, its secret's rotation, pausing it, deleting it, and every delivery made to it. */
export function EndpointView({ slug, endpointId }: { slug: string; endpointId: string }) {
  const endpoint = useWebhookEndpoint(slug, endpointId);
  const [rotatedSecret, setRotatedSecret] = useState<string | null>(null);
  if (endpoint.isPending) return <PageSpinner label={t('webhooks.loadingEndpoint')} />;
  if (endpoint.isError) return <ErrorBanner error={endpoint.error} onRetry={() => endpoint.refetch()} />;
  const e = endpoint.data;
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <p>
        <Link to={paths.workspace.webhooks.getHref(slug)}>{t('webhooks.title')}</Link>
      </p>
      <div className="flex min-w-0 flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight break-all">{e.url}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-muted">
          <EndpointStatus status={e.status} />
          {e.description ? <span>{e.description}</span> : null}
        </div>
      </div>
      {rotatedSecret ? (
        <SecretReveal
          title={t('webhooks.rotatedTitle')}
          warning={t('webhooks.copySecretNow')}
          secret={rotatedSecret}
          doneLabel={t('webhooks.secretCopied')}
          testId="webhook-secret"
          onDone={() => setRotatedSecret(null)}
        />
      ) : null}
      <dl className="grid min-w-0 grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t('webhooks.eventTypes')}</dt>
        <dd className="min-w-0 break-words">{e.event_types.length === 0 ? t('webhooks.allEvents') : e.event_types.join(', ')}</dd>
        {e.disabled_reason ? (
          <>
            <dt className="font-medium">{t('webhooks.disabledReason')}</dt>
            <dd className="min-w-0 break-words">{e.disabled_reason}</dd>
          </>
        ) : null}
        {e.failing_since ? (
          <>
            <dt className="font-medium">{t('webhooks.failingSince')}</dt>
            <dd>
              <RelativeTime iso={e.failing_since} />
            </dd>
          </>
        ) : null}
        {e.previous_secret_until ? (
          <>
            <dt className="font-medium">{t('webhooks.previousSecretUntil')}</dt>
            <dd>
              <RelativeTime iso={e.previous_secret_until} />
            </dd>
          </>
        ) : null}
      </dl>
      <EndpointActions slug={slug} endpoint={e} onRotated={setRotatedSecret} />
      <DeliveryLog slug={slug} endpointId={e.id} />
    </div>
  );
}
