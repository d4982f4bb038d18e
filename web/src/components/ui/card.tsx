import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

/** The card's surface, for an element that must be something else than a section (a form, a list). */
export const cardClass = 'flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6';

/** A bordered surface grouping one topic of a page. */
export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return <section className={cn(cardClass, className)} {...props} />;
}

export function CardTitle({ className, ...props }: HTMLAttributes<HTMLHeadingElement>) {
  return <h2 className={cn('text-lg font-semibold', className)} {...props} />;
}
