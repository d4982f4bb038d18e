import { Link } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { paths } from '@/config/paths';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { useSession } from '@/features/auth/hooks/use-session';
import { ChangePasswordForm } from '@/features/email-auth/components/change-password-form';
import { ChangeEmailForm } from '@/features/email-change/components/change-email-form';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';

export function PasswordRoute() {
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
        <h1>Password</h1>
        <ChangePasswordForm />
        <h2>Email address</h2>
        <ChangeEmailForm currentEmail={user.email} />
      </div>
    </AppShell>
  );
}
