import type { ReactNode } from 'react';
import { useDocumentTitle } from '@/lib/document-title';
import { t } from '@/lib/i18n';

export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 px-4 py-10">
      <div className="flex items-center gap-2 font-semibold" aria-hidden="true">
        <span className="inline-flex size-7 items-center justify-center rounded-md bg-primary text-sm font-bold text-primary-fg">
          {t('authLayout.e')}
        </span>
        {t('app.name')}
      </div>
      <div className="flex w-full max-w-sm flex-col gap-5 rounded-xl border border-border bg-surface p-6 shadow-card">
        <div className="flex flex-col gap-1">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {subtitle ? <p className="text-sm text-muted">{subtitle}</p> : null}
        </div>
        {children}
      </div>
      {footer ? <p className="text-sm text-muted">{footer}</p> : null}
    </main>
  );
}
