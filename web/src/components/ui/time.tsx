import { formatDateTime, formatRelative } from '@/lib/format';

/** A moment in the reader's locale: relative ("2 hours ago"), the exact time on hover and for machines. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
