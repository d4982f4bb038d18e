import { useEffect } from 'react';
import { NavLink, Outlet, useParams } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { paths } from '@/config/paths';
import { workspaceFeatures } from '@/config/workspace-features';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { DemoBanner, OnboardingChecklist } from '@/features/onboarding/components/onboarding-checklist';
import { useSession } from '@/features/auth/hooks/use-session';
import { useWorkspaceSettings } from '@/features/workspaces/api/get-workspace';
import { MissingWorkspace } from '@/features/workspaces/components/missing-workspace';
import { SuspendedBanner } from '@/features/workspaces/components/suspended-banner';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';
import { WorkspaceContext } from '@/features/workspaces/hooks/use-workspace';
import { rememberWorkspace } from '@/features/workspaces/lib/last-workspace';
import { can } from '@/lib/authorization';

const navClass = ({ isActive }: { isActive: boolean }) => `topbar__link${isActive ? ' topbar__link--active' : ''}`;

export function WorkspaceLayout() {
  const { slug = '' } = useParams();
  const { user, memberships } = useSession();
  const membership = memberships.find((m) => m.workspace.slug === slug);

  useEffect(() => {
    if (membership) rememberWorkspace(membership.workspace.slug);
  }, [membership]);

  const nav = membership ? (
    <>
      {workspaceFeatures.map((feature) => (
        <NavLink key={feature.label} to={feature.home(slug)} className={navClass}>
          {feature.label}
        </NavLink>
      ))}
      <NavLink to={paths.workspace.members.getHref(slug)} className={navClass}>
        Members
      </NavLink>
      <NavLink to={paths.workspace.teams.getHref(slug)} className={navClass}>
        Teams
      </NavLink>
      {can(membership.role, 'api_key:read') ? (
        <NavLink to={paths.workspace.apiKeys.getHref(slug)} className={navClass}>
          API keys
        </NavLink>
      ) : null}
      <NavLink to={paths.workspace.settings.getHref(slug)} className={navClass}>
        Settings
      </NavLink>
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
      switcher={<WorkspaceSwitcher memberships={memberships} currentSlug={membership?.workspace.slug} />}
      nav={nav}
      account={<AccountMenu user={user} />}
    >
      {membership ? (
        <WorkspaceContext value={membership}>
          <WorkspaceState slug={slug} />
          <DemoBanner slug={slug} />
          {/* Keyed so per-workspace screen state (open forms, a fresh API key) resets on switch. */}
          <Outlet key={slug} />
          <OnboardingChecklist slug={slug} canManageKeys={can(membership.role, 'api_key:read')} />
        </WorkspaceContext>
      ) : (
        <MissingWorkspace key={slug} slug={slug} />
      )}
    </AppShell>
  );
}

/** The workspace's lifecycle state where it changes what the pages can do: suspended is read-only. */
function WorkspaceState({ slug }: { slug: string }) {
  const settings = useWorkspaceSettings(slug);
  const since = settings.data?.suspended_at;
  return since ? <SuspendedBanner since={since} /> : null;
}
