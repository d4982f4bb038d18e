import type { Ref } from 'react';
import { endpointInput } from '../../../../../worker/modules/webhooks/webhooks.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { blankAsMissing, mergeRefs, useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { type CreatedEndpoint, useCreateEndpoint, type WebhookEventType } from '../api/webhooks';

/** A new endpoint: where to send, a note, and which event types (none ticked: every type, today's and later ones). */
export function CreateEndpointForm({
  slug,
  eventTypes,
  onCreated,
  urlRef,
}: {
  slug: string;
  eventTypes: readonly WebhookEventType[];
  onCreated: (created: CreatedEndpoint) => void;
  urlRef?: Ref<HTMLInputElement>;
}) {
  const create = useCreateEndpoint(slug, {
    onSuccess: (created) => {
      form.reset();
      onCreated(created);
    },
  });
  const form = useSchemaForm(endpointInput, { defaultValues: { url: '', event_types: [] }, serverError: create.error });
  const url = form.register('url');
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((input) => create.mutate(input))}>
      <TextField
        label={t('webhooks.url')}
        type="url"
        inputMode="url"
        autoComplete="off"
        required
        placeholder={t('webhooks.urlPlaceholder')}
        hint={t('webhooks.urlHint')}
        {...url}
        ref={mergeRefs(url.ref, urlRef)}
        errors={form.errorsOf('url')}
      />
      <TextField
        label={t('webhooks.description')}
        autoComplete="off"
        hint={t('form.optional')}
        {...form.register('description', { setValueAs: blankAsMissing })}
        errors={form.errorsOf('description')}
      />
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="text-sm font-medium">{t('webhooks.eventTypes')}</legend>
        <p className="text-sm text-muted">{eventTypes.length > 0 ? t('webhooks.eventTypesHint') : t('webhooks.noEventTypes')}</p>
        {eventTypes.map((eventType) => (
          <label key={eventType.type} className="flex min-w-0 items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 size-4 shrink-0 accent-primary"
              value={eventType.type}
              {...form.register('event_types')}
            />
            <span className="min-w-0 break-words">
              <code className="font-mono">{eventType.type}</code> <span className="text-muted">{eventType.summary}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormError error={create.error} shown={['url', 'description', 'event_types']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={create.isPending}>
          {t('webhooks.create')}
        </Button>
      </div>
    </form>
  );
}
