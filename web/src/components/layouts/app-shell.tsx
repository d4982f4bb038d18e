import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { VerifyEmailBanner } from '@/features/email-auth/components/verify-email-banner';

/** Header and content frame of the signed-in app; the routes fill in the slots. */
export function AppShell({
  switcher,
  nav,
  account,
  children,
}: {
  switcher?: ReactNode;
  nav?: ReactNode;
  account: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__left">
          <Link to={paths.home.getHref()} className="topbar__brand" aria-label="Edge SaaS home">
            <span className="logo" aria-hidden="true">
              E
            </span>
          </Link>
          {switcher}
          {nav ? (
            <nav className="topbar__nav" aria-label="Main">
              {nav}
            </nav>
          ) : null}
        </div>
        <div className="topbar__right">{account}</div>
      </header>
      <main className="shell__main">
        <VerifyEmailBanner />
        {children}
      </main>
    </div>
  );
}
