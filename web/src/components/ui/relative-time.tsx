import { formatDateTime, formatRelative } from '@/lib/format';

/** A moment said relatively ("3 hours ago"), with the exact date and time on hover and for machines. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
