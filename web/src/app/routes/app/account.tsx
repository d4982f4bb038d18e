import { useNavigate } from 'react-router';
import { Card, CardTitle } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { DataExportSection } from '@/features/account/components/data-export-section';
import { DeleteAccountForm } from '@/features/account/components/delete-account-form';
import { ProfileForm } from '@/features/auth/components/profile-form';
import { useSession } from '@/features/auth/hooks/use-session';
import { NotificationPreferencesSection } from '@/features/notifications/components/notification-preferences-section';
import { preferredWorkspace } from '@/features/workspaces/lib/last-workspace';
import { AvatarSection } from '@/features/files/components/avatar-section';
import { t } from '@/lib/i18n';

export function AccountRoute() {
  const navigate = useNavigate();
  // Preferences are kept per workspace: the one last used, as the sidebar shows.
  const workspace = preferredWorkspace(useSession().memberships)?.workspace;
  return (
    <>
      <Card aria-labelledby="profile-title">
        <CardTitle id="profile-title">{t('profile.title')}</CardTitle>
        <AvatarSection />
        <ProfileForm />
      </Card>
      {workspace ? <NotificationPreferencesSection slug={workspace.slug} workspaceName={workspace.name} /> : null}
      <DataExportSection />
      <DeleteAccountForm onDeleted={() => navigate(paths.goodbye.getHref(), { replace: true })} />
    </>
  );
}
