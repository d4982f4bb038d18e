import { Link, useNavigate } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { paths } from '@/config/paths';
import { DataExportSection } from '@/features/account/components/data-export-section';
import { DeleteAccountForm } from '@/features/account/components/delete-account-form';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { useSession } from '@/features/auth/hooks/use-session';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';

export function AccountRoute() {
  const { user, memberships } = useSession();
  const navigate = useNavigate();
  return (
    <AppShell
      switcher={memberships.length === 0 ? null : <WorkspaceSwitcher memberships={memberships} />}
      account={<AccountMenu user={user} />}
    >
      <div className="page page--narrow">
        <Link to={paths.home.getHref()} className="back-link">
          ← Back
        </Link>
        <h1 className="page__title">Account</h1>
        <p className="muted">
          Signed in as {user.name} ({user.email}).
        </p>
        <DataExportSection />
        <DeleteAccountForm onDeleted={() => navigate(paths.goodbye.getHref(), { replace: true })} />
      </div>
    </AppShell>
  );
}
