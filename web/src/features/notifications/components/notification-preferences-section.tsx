import { preferenceChangeInput } from '../../../../../worker/modules/notifications/notifications.input.ts';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { ErrorBanner } from '@/components/ui/error-banner';
import { SelectField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { PageSpinner } from '@/components/ui/spinner';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import { type NotificationPreference, usePreferences, useUpdatePreference } from '../api/preferences';

const channels = ['in_app', 'email'] as const;
type Channel = (typeof channels)[number];

/** One channel of one kind: on or off, and for a chatty kind's email, hourly or daily. */
function ChannelForm({ slug, preference, channel }: { slug: string; preference: NotificationPreference; channel: Channel }) {
  const current = preference[channel];
  const digest = channel === 'email' ? preference.email.digest : null;
  const update = useUpdatePreference();
  const form = useSchemaForm(preferenceChangeInput, {
    values: { channel, enabled: current.enabled, ...(digest ? { digest } : {}) },
    serverError: update.error,
  });
  const label = t(channel === 'email' ? 'notificationPreferences.email' : 'notificationPreferences.inApp');
  const id = `pref-${preference.kind}-${channel}`;
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      noValidate
      aria-label={`${preference.summary}: ${label}`}
      onSubmit={form.handleSubmit((change) =>
        update.mutate(
          { slug, kind: preference.kind, change },
          { onSuccess: () => addNotification({ kind: 'success', message: t('notificationPreferences.saved') }) },
        ),
      )}
    >
      <label htmlFor={id} className="flex h-9 items-center gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          className="size-4 accent-[var(--color-primary)]"
          disabled={!current.can_disable}
          {...form.register('enabled')}
        />
        {label}
      </label>
      {digest ? (
        <SelectField
          label={t('notificationPreferences.digest')}
          className="w-36"
          options={[
            { value: 'hourly', label: t('notificationPreferences.hourly') },
            { value: 'daily', label: t('notificationPreferences.daily') },
          ]}
          {...form.register('digest')}
        />
      ) : null}
      {current.can_disable ? (
        <Button type="submit" variant="secondary" size="sm" isLoading={update.isPending} disabled={!form.formState.isDirty}>
          {t('notificationPreferences.save')}
        </Button>
      ) : (
        <span className="flex h-9 items-center text-sm text-muted">{t('notificationPreferences.required')}</span>
      )}
      <FormError error={update.error} shown={['enabled', 'digest']} />
    </form>
  );
}

/**
 * What the person is told about in the workspace, kind by kind, in the app and by email. Security and
 * billing email cannot be turned off; a chatty kind's email comes as an hourly or daily digest.
 */
export function NotificationPreferencesSection({ slug, workspaceName }: { slug: string; workspaceName: string }) {
  const preferences = usePreferences(slug);
  return (
    <Card aria-labelledby="notification-preferences-title">
      <CardTitle id="notification-preferences-title">{t('notificationPreferences.title')}</CardTitle>
      <p className="text-sm text-muted">{t('notificationPreferences.intro', { workspace: workspaceName })}</p>
      {preferences.isPending ? <PageSpinner /> : null}
      {preferences.error ? <ErrorBanner error={preferences.error} onRetry={() => preferences.refetch()} /> : null}
      <ul className="flex flex-col divide-y divide-border">
        {preferences.data?.items.map((preference) => (
          <li key={preference.kind} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0" data-testid="notification-preference">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium break-words">{preference.summary}</span>
              <Badge tone="muted">{t(`notificationPreferences.category.${preference.category}`)}</Badge>
              {preference.chatty ? <Badge tone="muted">{t('notificationPreferences.chatty')}</Badge> : null}
            </div>
            {channels.map((channel) => (
              <ChannelForm key={channel} slug={slug} preference={preference} channel={channel} />
            ))}
          </li>
        ))}
      </ul>
    </Card>
  );
}
