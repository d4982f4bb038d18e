import type { ReactNode } from 'react';

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
  return (
    <main className="auth">
      <div className="auth__brand" aria-hidden="true">
        <span className="logo">E</span> Edge SaaS
      </div>
      <div className="card auth__card">
        <h1 className="auth__title">{title}</h1>
        {subtitle ? <p className="auth__subtitle">{subtitle}</p> : null}
        {children}
      </div>
      {footer ? <p className="auth__footer">{footer}</p> : null}
    </main>
  );
}
