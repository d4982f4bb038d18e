import { addNotification } from '@/stores/notifications';
import type { __Item__ } from '../api/get-__item__';
import { type Update__Item__Input, useUpdate__Item__ } from '../api/update-__item__';
import { __Item__Form, type __Item__FormValues } from './__item__-form';
import { t } from '@/lib/i18n';

/** PATCH is partial, so only the fields the user changed are sent. */
function changes(item: __Item__, values: __Item__FormValues): Update__Item__Input {
  const input: Update__Item__Input = {};
  if (values.name !== item.name) input.name = values.name;
  const description = values.description === '' ? null : values.description;
  if (description !== (item.description ?? null)) input.description = description;
  return input;
}

export function Edit__Item__Form({ slug, item }: { slug: string; item: __Item__ }) {
  const update = useUpdate__Item__({
    onSuccess: () => addNotification({ kind: 'success', message: t('form.saved') }),
  });

  const onSubmit = (values: __Item__FormValues) => {
    const input = changes(item, values);
    if (Object.keys(input).length === 0) {
      addNotification({ kind: 'success', message: t('form.noChanges') });
      return;
    }
    update.mutate({ slug, id: item.id, input });
  };

  return (
    <__Item__Form
      // Remount with fresh values when the saved item changes.
      key={item.updated_at}
      initialValues={{ name: item.name, description: item.description ?? '' }}
      submitLabel={t('action.save')}
      isPending={update.isPending}
      error={update.error}
      onSubmit={onSubmit}
    />
  );
}
