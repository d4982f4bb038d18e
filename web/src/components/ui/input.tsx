import type { InputHTMLAttributes, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { ChevronDown } from 'lucide-react';
import { cn } from '@/lib/cn';

export const controlClass =
  'w-full min-w-0 rounded-md border border-input bg-surface px-3 text-base text-fg shadow-card placeholder:text-muted disabled:opacity-60 aria-invalid:border-danger sm:text-sm';

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return <input className={cn(controlClass, 'h-9', className)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  return <textarea className={cn(controlClass, 'min-h-24 py-2', className)} {...props} />;
}

/**
 * The platform's select: the best picker on phones, and the one a form posts without help. Drawn
 * without the browser's own arrow, which sat inside the right padding and, on a narrow screen,
 * left the chosen option a few letters ("Memb"); our chevron takes that padding alone. `className`
 * sizes the whole control.
 */
export function NativeSelect({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return (
    <span className={cn('relative flex w-full min-w-0', className)}>
      <select className={cn(controlClass, 'h-9 appearance-none truncate pr-8')} {...props} />
      <ChevronDown aria-hidden="true" className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted" />
    </span>
  );
}
