import { useEffect, useRef } from 'react';
import { useIdempotencyKey } from '@/lib/idempotency';
import { type Create__Item__Input, useCreate__Item__ } from '../api/create-__item__';
import { __Item__Form, type __Item__FormValues } from './__item__-form';
import { t } from '@/lib/i18n';

export function Create__Item__Panel({ slug, onClose }: { slug: string; onClose: () => void }) {
  const idempotency = useIdempotencyKey();
  const nameField = useRef<HTMLInputElement>(null);
  // Opened on purpose, by a "New __item_words__" button: typing can start at once.
  useEffect(() => nameField.current?.focus(), []);
  const create = useCreate__Item__({
    onSuccess: () => {
      idempotency.complete();
      onClose();
    },
  });

  const onSubmit = (values: __Item__FormValues) => {
    const input: Create__Item__Input = { name: values.name, ...(values.description ? { description: values.description } : {}) };
    create.mutate({ slug, input, idempotencyKey: idempotency.keyFor({ slug, input }) });
  };

  return (
    <section className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6" aria-labelledby="new-__item__-title">
      <h2 className="text-lg font-semibold" id="new-__item__-title">
        {t('__itemVar__.new')}
      </h2>
      <__Item__Form
        initialValues={{ name: '', description: '' }}
        nameRef={nameField}
        submitLabel={t('__itemVar__.create')}
        isPending={create.isPending}
        error={create.error}
        onSubmit={onSubmit}
        onCancel={onClose}
      />
    </section>
  );
}
