import { Link } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { paths } from '@/config/paths';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { useSession } from '@/features/auth/hooks/use-session';
import { AccessTokensView } from '@/features/access-tokens/components/access-tokens-view';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';

export function AccessTokensRoute() {
  const { user, memberships } = useSession();
  return (
    <AppShell
      switcher={memberships.length === 0 ? null : <WorkspaceSwitcher memberships={memberships} />}
      account={<AccountMenu user={user} />}
    >
      <div className="page">
        <Link to={paths.home.getHref()} className="back-link">
          ← Back
        </Link>
      </div>
      <AccessTokensView />
    </AppShell>
  );
}
