import { Button, type ButtonSize } from '@/components/ui/button';
import { addNotification } from '@/stores/notifications';
import { useDelete__Item__ } from '../api/delete-__item__';
import type { __Item__ } from '../api/get-__item__';
import { t } from '@/lib/i18n';

export function Delete__Item__Button({
  slug,
  item,
  size = 'sm',
  onDeleted,
}: {
  slug: string;
  item: __Item__;
  size?: ButtonSize;
  onDeleted?: () => void;
}) {
  const remove = useDelete__Item__({
    onSuccess: () => {
      addNotification({ kind: 'success', message: t('__itemVar__.deleted', { name: item.name }) });
      onDeleted?.();
    },
  });

  return (
    <Button variant="danger" size={size} isLoading={remove.isPending} onClick={() => remove.mutate({ slug, id: item.id })}>
      {t('__itemVar__.delete')}
    </Button>
  );
}
