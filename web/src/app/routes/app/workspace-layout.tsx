import { useEffect } from 'react';
import { Outlet, useLocation, useParams } from 'react-router';
import { workspaceHome } from '@/config/workspace-features';
import { useSession } from '@/features/auth/hooks/use-session';
import { BillingBanner } from '@/features/billing/components/billing-banner';
import { DemoBanner, OnboardingChecklist } from '@/features/onboarding/components/onboarding-checklist';
import { useWorkspaceSettings } from '@/features/workspaces/api/get-workspace';
import { MissingWorkspace } from '@/features/workspaces/components/missing-workspace';
import { SuspendedBanner } from '@/features/workspaces/components/suspended-banner';
import { WorkspaceContext } from '@/features/workspaces/hooks/use-workspace';
import { rememberWorkspace } from '@/features/workspaces/lib/last-workspace';
import { can } from '@/lib/authorization';

/** A workspace's pages: its state banners above, the page; the shell around it shows its navigation. */
export function WorkspaceLayout() {
  const { slug = '' } = useParams();
  const { memberships } = useSession();
  const membership = memberships.find((m) => m.workspace.slug === slug);
  const onHome = useLocation().pathname === workspaceHome(slug);

  useEffect(() => {
    if (membership) rememberWorkspace(membership.workspace.slug);
  }, [membership]);

  if (!membership) return <MissingWorkspace key={slug} slug={slug} />;
  return (
    <WorkspaceContext value={membership}>
      <WorkspaceState slug={slug} />
      <DemoBanner slug={slug} />
      {/* Keyed so per-workspace screen state (open forms, a fresh API key) resets on switch. */}
      <Outlet key={slug} />
      {/* The getting-started checklist belongs to the workspace's home page only. */}
      {onHome ? <OnboardingChecklist slug={slug} canManageKeys={can(membership.role, 'api_key:read')} /> : null}
    </WorkspaceContext>
  );
}

/**
 * The workspace's lifecycle state where it changes what the pages can do: suspended is read-only;
 * otherwise its billing state (trial countdown, failed payment, read-only after the trial).
 */
function WorkspaceState({ slug }: { slug: string }) {
  const settings = useWorkspaceSettings(slug);
  const since = settings.data?.suspended_at;
  return since ? <SuspendedBanner since={since} slug={slug} /> : <BillingBanner slug={slug} />;
}
