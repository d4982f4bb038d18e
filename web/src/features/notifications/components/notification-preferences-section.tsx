import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { ErrorBanner } from '@/components/ui/error-banner';
import { FormError } from '@/components/ui/form-error';
import { NativeSelect } from '@/components/ui/input';
import { PageSpinner } from '@/components/ui/spinner';
import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import { type NotificationPreference, type PreferenceChange, usePreferences, useUpdatePreference } from '../api/preferences';

const channels = ['in_app', 'email'] as const;
type Channel = (typeof channels)[number];
type Digest = NonNullable<PreferenceChange['digest']>;

/**
 * One channel of one kind, saved as soon as it changes: on or off, and for a chatty kind's email,
 * hourly or daily. While a change is on its way the control shows it; if it is refused, the
 * preference as stored comes back with the error beside it.
 */
function ChannelToggle({ slug, preference, channel }: { slug: string; preference: NotificationPreference; channel: Channel }) {
  const current = preference[channel];
  const storedDigest = channel === 'email' ? preference.email.digest : null;
  const update = useUpdatePreference();
  // Set in the event itself, so that the control shows the change from the click on.
  const [sending, setSending] = useState<{ enabled: boolean; digest: Digest | null } | null>(null);
  const enabled = sending ? sending.enabled : current.enabled;
  const digest = sending ? sending.digest : storedDigest;
  const label = t(channel === 'email' ? 'notificationPreferences.email' : 'notificationPreferences.inApp');
  const id = `pref-${preference.kind}-${channel}`;
  const save = (change: { enabled: boolean; digest: Digest | null }) => {
    setSending(change);
    const next: PreferenceChange = { channel, enabled: change.enabled, ...(change.digest ? { digest: change.digest } : {}) };
    update.mutate(
      { slug, kind: preference.kind, change: next },
      {
        onSuccess: () => addNotification({ kind: 'success', message: t('notificationPreferences.saved') }),
        // After the list is read again (the hook's own onSettled), so the stored value takes over.
        onSettled: () => setSending(null),
      },
    );
  };
  return (
    <fieldset aria-label={`${preference.summary}: ${label}`} className="flex min-w-0 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <label htmlFor={id} className="flex h-9 items-center gap-2 text-sm">
          <input
            id={id}
            type="checkbox"
            className="size-4 accent-[var(--color-primary)]"
            checked={enabled}
            disabled={!current.can_disable || sending !== null}
            onChange={(event) => save({ enabled: event.currentTarget.checked, digest })}
          />
          {label}
        </label>
        {current.can_disable ? null : <span className="text-sm text-muted">{t('notificationPreferences.required')}</span>}
        {digest ? (
          <NativeSelect
            aria-label={t('notificationPreferences.digest')}
            className="w-28"
            value={digest}
            disabled={!enabled || sending !== null}
            onChange={(event) => save({ enabled, digest: event.currentTarget.value as Digest })}
          >
            <option value="hourly">{t('notificationPreferences.hourly')}</option>
            <option value="daily">{t('notificationPreferences.daily')}</option>
          </NativeSelect>
        ) : null}
      </div>
      <FormError error={update.error} shown={[]} />
    </fieldset>
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
      <p className="text-muted">{t('notificationPreferences.intro', { workspace: workspaceName })}</p>
      {preferences.isPending ? <PageSpinner /> : null}
      {preferences.error ? <ErrorBanner error={preferences.error} onRetry={() => preferences.refetch()} /> : null}
      <ul className="flex flex-col divide-y divide-border">
        {preferences.data?.items.map((preference) => (
          <li
            key={preference.kind}
            className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0 md:flex-row md:items-start md:justify-between md:gap-6"
            data-testid="notification-preference"
          >
            <div className="flex min-w-0 flex-wrap items-center gap-2 md:min-h-9">
              <span className="font-medium break-words">{preference.summary}</span>
              <Badge tone="muted">{t(`notificationPreferences.category.${preference.category}`)}</Badge>
              {preference.chatty ? <Badge tone="muted">{t('notificationPreferences.chatty')}</Badge> : null}
            </div>
            <div className="flex shrink-0 flex-wrap gap-x-6 md:w-72">
              {channels.map((channel) => (
                <ChannelToggle key={channel} slug={slug} preference={preference} channel={channel} />
              ))}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
