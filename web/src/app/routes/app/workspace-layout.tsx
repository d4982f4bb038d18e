import { useEffect } from 'react';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { EmptyState } from '@/components/ui/empty-state';
import { paths } from '@/config/paths';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { useSession } from '@/features/auth/hooks/use-session';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';
import { WorkspaceContext } from '@/features/workspaces/hooks/use-workspace';
import { rememberWorkspace } from '@/features/workspaces/lib/last-workspace';
import { can } from '@/lib/authorization';

const navClass = ({ isActive }: { isActive: boolean }) =>
  `topbar__link${isActive ? ' topbar__link--active' : ''}`;

export function WorkspaceLayout() {
  const { slug = '' } = useParams();
  const { user, memberships } = useSession();
  const membership = memberships.find((m) => m.workspace.slug === slug);

  useEffect(() => {
    if (membership) rememberWorkspace(membership.workspace.slug);
  }, [membership]);

  const nav = membership ? (
    <>
      <NavLink to={paths.workspace.projects.getHref(slug)} className={navClass}>
        Projects
      </NavLink>
      {can(membership.role, 'api_key:read') ? (
        <NavLink to={paths.workspace.apiKeys.getHref(slug)} className={navClass}>
          API keys
        </NavLink>
      ) : null}
      {can(membership.role, 'sso:manage') ? (
        <NavLink to={paths.workspace.sso.getHref(slug)} className={navClass}>
          SSO
        </NavLink>
      ) : null}
      <NavLink to={paths.workspaces.new.getHref()} className={navClass}>
        New workspace
      </NavLink>
    </>
  ) : null;

  return (
    <AppShell
      switcher={
        <WorkspaceSwitcher memberships={memberships} currentSlug={membership?.workspace.slug} />
      }
      nav={nav}
      account={<AccountMenu user={user} />}
    >
      {membership ? (
        <WorkspaceContext value={membership}>
          {/* Keyed so per-workspace screen state (open forms, a fresh API key) resets on switch. */}
          <Outlet key={slug} />
        </WorkspaceContext>
      ) : (
        <EmptyState
          title="Workspace not found"
          description="It does not exist or you are not a member of it."
          action={<Link to={paths.home.getHref()}>Go to your workspaces</Link>}
        />
      )}
    </AppShell>
  );
}
