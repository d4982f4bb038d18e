import { LoaderCircle } from 'lucide-react';
import { cn } from '@/lib/cn';
import { Skeleton } from './skeleton';

export function Spinner({ size = 'md', label }: { size?: 'sm' | 'md'; label?: string }) {
  const icon = <LoaderCircle aria-hidden="true" className={cn('animate-spin', size === 'sm' ? 'size-4' : 'size-5')} />;
  if (!label) return icon;
  return (
    <span className="inline-flex items-center gap-2 text-sm text-muted" role="status">
      {icon}
      <span>{label}</span>
    </span>
  );
}

/** A page whose data is on its way: the shape of a page (title, a card of rows), not a blank screen. */
export function PageSpinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="flex flex-col gap-4" role="status" aria-label={label}>
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-4 w-72 max-w-full" />
      <div className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
        <Skeleton className="h-5 w-full" />
        <Skeleton className="h-5 w-5/6" />
        <Skeleton className="h-5 w-4/6" />
      </div>
    </div>
  );
}
