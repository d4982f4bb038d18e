import { cn } from '@/lib/cn';
import { t } from '@/lib/i18n';
import { useAvatar } from '../api/avatar';

/** The person's picture, or their initial while they have none (or it is loading). */
export function Avatar({ name, className }: { name: string; className?: string }) {
  const avatar = useAvatar();
  const box = cn('inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-subtle font-semibold', className);
  if (avatar.data)
    return <img src={avatar.data.url} alt={t('avatar.of', { name })} className={cn(box, 'object-cover')} data-testid="avatar-image" />;
  return (
    <span className={box} aria-hidden="true">
      {(name.trim()[0] ?? '?').toUpperCase()}
    </span>
  );
}
