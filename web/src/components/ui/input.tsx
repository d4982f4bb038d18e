import type { InputHTMLAttributes, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

export const controlClass =
  'w-full min-w-0 rounded-md border border-input bg-surface px-3 text-base text-fg shadow-card placeholder:text-muted disabled:opacity-60 aria-invalid:border-danger sm:text-sm';

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return <input className={cn(controlClass, 'h-9', className)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  return <textarea className={cn(controlClass, 'min-h-24 py-2', className)} {...props} />;
}

/** The platform's select: the best picker on phones, and the one a form posts without help. */
export function NativeSelect({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return <select className={cn(controlClass, 'h-9 pr-8', className)} {...props} />;
}
