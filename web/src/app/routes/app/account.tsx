import { useNavigate } from 'react-router';
import { Card, CardTitle } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { DataExportSection } from '@/features/account/components/data-export-section';
import { DeleteAccountForm } from '@/features/account/components/delete-account-form';
import { ProfileForm } from '@/features/auth/components/profile-form';
import { AvatarSection } from '@/features/files/components/avatar-section';
import { t } from '@/lib/i18n';

export function AccountRoute() {
  const navigate = useNavigate();
  return (
    <>
      <Card aria-labelledby="profile-title">
        <CardTitle id="profile-title">{t('profile.title')}</CardTitle>
        <AvatarSection />
        <ProfileForm />
      </Card>
      <DataExportSection />
      <DeleteAccountForm onDeleted={() => navigate(paths.goodbye.getHref(), { replace: true })} />
    </>
  );
}
