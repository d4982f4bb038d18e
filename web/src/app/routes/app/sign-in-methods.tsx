import { Link, useSearchParams } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { paths } from '@/config/paths';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { useSession } from '@/features/auth/hooks/use-session';
import { SignInMethodsView } from '@/features/identities/components/sign-in-methods-view';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';

export function SignInMethodsRoute() {
  const { user, memberships } = useSession();
  const [params] = useSearchParams();
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
      <SignInMethodsView error={params.get('error')} returnTo={paths.settings.signInMethods.getHref()} />
    </AppShell>
  );
}
