import { cn } from '@/lib/cn';

/** A grey block where content will be: keeps the layout still while data loads. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-subtle', className)} />;
}
