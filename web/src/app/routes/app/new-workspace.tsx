import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { EmptyState } from '@/components/ui/empty-state';
import { paths } from '@/config/paths';
import { workspaceHome } from '@/config/workspace-features';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { useSession } from '@/features/auth/hooks/use-session';
import { OpenDemoButton } from '@/features/onboarding/components/open-demo-button';
import { CreateWorkspaceForm } from '@/features/workspaces/components/create-workspace-form';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';

export function NewWorkspaceRoute() {
  const { user, memberships } = useSession();
  const navigate = useNavigate();
  const isFirst = memberships.length === 0;
  const nameField = useRef<HTMLInputElement>(null);

  return (
    <AppShell switcher={isFirst ? null : <WorkspaceSwitcher memberships={memberships} />} account={<AccountMenu user={user} />}>
      <div className="page page--narrow">
        {isFirst ? (
          <EmptyState
            level={1}
            title="No workspace yet"
            description="A workspace holds your team’s work, members and API keys; you can create more later."
            action={{ label: 'Create your first workspace', onClick: () => nameField.current?.focus() }}
          />
        ) : (
          <>
            <Link to={paths.home.getHref()} className="back-link">
              ← Back
            </Link>
            <h1 className="page__title">New workspace</h1>
            <p className="muted">A workspace holds a team’s work, members and API keys; you will be its owner.</p>
          </>
        )}
        <div className="card">
          <CreateWorkspaceForm nameRef={nameField} onSuccess={(workspace) => navigate(workspaceHome(workspace.slug))} />
        </div>
        {isFirst ? (
          <div className="card">
            <p className="muted">Not ready yet? Look around a demo workspace filled with sample data first.</p>
            <OpenDemoButton />
          </div>
        ) : null}
      </div>
    </AppShell>
  );
}
