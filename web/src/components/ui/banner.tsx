import { CircleAlert, Info } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

const tones = {
  error: { box: 'border-danger/40 bg-danger-soft', icon: CircleAlert, role: 'alert' },
  notice: { box: 'border-warning/40 bg-warning-soft', icon: Info, role: 'status' },
} as const;

/** A message about the whole page or form, not about one field. */
export function Banner({ tone, children, action }: { tone: keyof typeof tones; children: ReactNode; action?: ReactNode }) {
  const { box, icon: Icon, role } = tones[tone];
  return (
    <div className={cn('flex flex-col gap-3 rounded-lg border p-3 text-sm sm:flex-row sm:items-start', box)} role={role}>
      <Icon aria-hidden="true" className={cn('mt-0.5 size-4 shrink-0', tone === 'error' ? 'text-danger' : 'text-warning')} />
      <div className="flex min-w-0 flex-1 flex-col gap-1">{children}</div>
      {action ? <div className="flex shrink-0 flex-wrap gap-2">{action}</div> : null}
    </div>
  );
}
