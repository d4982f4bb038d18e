import { useParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { InvitationView } from '@/features/invites/components/invitation-view';
import { t } from '@/lib/i18n';

export function InvitationRoute() {
  const { token = '' } = useParams();
  return (
    <AuthLayout title={t('invitation.invitation')} subtitle={t('invitation.joinAWorkspace')}>
      <InvitationView token={token} />
    </AuthLayout>
  );
}
