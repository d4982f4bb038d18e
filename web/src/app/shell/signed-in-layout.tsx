import { Outlet, useParams } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { workspaceHome } from '@/config/workspace-features';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { useSession } from '@/features/auth/hooks/use-session';
import { VerifyEmailBanner } from '@/features/email-auth/components/verify-email-banner';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { WorkspacePresence } from '@/features/realtime/components/workspace-presence';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';
import { preferredWorkspace } from '@/features/workspaces/lib/last-workspace';
import { t } from '@/lib/i18n';
import { Breadcrumbs } from './breadcrumbs';
import { CommandPalette } from './command-palette';
import { NavList } from './nav-list';
import { workspaceNav } from './navigation';

/**
 * Every signed-in page sits in this frame. The sidebar shows the workspace in the URL, or on
 * account pages the one last used, so the way back is always one click.
 */
export function SignedInLayout() {
  const { slug } = useParams();
  const { user, memberships } = useSession();
  const current = slug ? memberships.find((m) => m.workspace.slug === slug) : preferredWorkspace(memberships);

  return (
    <AppShell
      sidebar={({ collapsed }) => (
        <div className="flex flex-col gap-4 p-2">
          {memberships.length > 0 ? (
            <WorkspaceSwitcher memberships={memberships} currentSlug={current?.workspace.slug} collapsed={collapsed} />
          ) : null}
          {current ? (
            <NavList items={workspaceNav(current.workspace.slug, current.role)} label={t('shell.workspace')} collapsed={collapsed} />
          ) : null}
        </div>
      )}
      topbar={
        <>
          <Breadcrumbs root={current ? { label: current.workspace.name, href: workspaceHome(current.workspace.slug) } : null} />
          {current ? <WorkspacePresence key={current.workspace.slug} slug={current.workspace.slug} /> : null}
          <CommandPalette memberships={memberships} current={current} />
          {current ? <NotificationBell slug={current.workspace.slug} /> : null}
          <AccountMenu user={user} />
        </>
      }
      banner={<VerifyEmailBanner />}
    >
      <Outlet />
    </AppShell>
  );
}
