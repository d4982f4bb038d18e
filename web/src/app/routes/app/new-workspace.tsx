import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { workspaceHome } from '@/config/workspace-features';
import { useSession } from '@/features/auth/hooks/use-session';
import { OpenDemoButton } from '@/features/onboarding/components/open-demo-button';
import { CreateWorkspaceForm } from '@/features/workspaces/components/create-workspace-form';
import { t } from '@/lib/i18n';
import { cardClass } from '@/components/ui/card';

export function NewWorkspaceRoute() {
  const { memberships } = useSession();
  const navigate = useNavigate();
  const isFirst = memberships.length === 0;
  const nameField = useRef<HTMLInputElement>(null);

  return (
    <div className="mx-auto flex w-full max-w-xl min-w-0 flex-col gap-6">
      {isFirst ? (
        <EmptyState
          level={1}
          title={t('newWorkspace.noWorkspaceYet')}
          description={t('newWorkspace.aWorkspaceHoldsYour')}
          action={{ label: t('newWorkspace.createYourFirstWorkspace'), onClick: () => nameField.current?.focus() }}
        />
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">{t('newWorkspace.newWorkspace')}</h1>
          <p className="text-muted">{t('newWorkspace.aWorkspaceHoldsA')}</p>
        </>
      )}
      <div className={cardClass}>
        <CreateWorkspaceForm nameRef={nameField} onSuccess={(workspace) => navigate(workspaceHome(workspace.slug))} />
      </div>
      {isFirst ? (
        <div className={cardClass}>
          <p className="text-muted">{t('newWorkspace.notReadyYetLook')}</p>
          <OpenDemoButton />
        </div>
      ) : null}
    </div>
  );
}
