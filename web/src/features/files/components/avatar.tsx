import { useState } from 'react';
import { cn } from '@/lib/cn';
import { t } from '@/lib/i18n';
import { useAvatar } from '../api/avatar';

/**
 * A person's picture from `src`, or their initial (or the `initials` given) while there is none, it
 * is loading or it could not be shown.
 */
export function PersonAvatar({
  name,
  src,
  initials,
  className,
}: {
  name: string;
  src: string | null | undefined;
  initials?: string;
  className?: string;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  const box = cn('inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-subtle font-semibold', className);
  if (src && failed !== src)
    return (
      <img
        src={src}
        alt={t('avatar.of', { name })}
        className={cn(box, 'object-cover')}
        onError={() => setFailed(src)}
        data-testid="avatar-image"
      />
    );
  return (
    <span className={box} aria-hidden="true">
      {initials ?? (name.trim()[0] ?? '?').toUpperCase()}
    </span>
  );
}

/** The signed-in person's own picture, or their initial while they have none (or it is loading). */
export function Avatar({ name, className }: { name: string; className?: string }) {
  const avatar = useAvatar();
  return <PersonAvatar name={name} src={avatar.data?.url} className={className} />;
}
