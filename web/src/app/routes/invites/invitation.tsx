import { useParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { InvitationView } from '@/features/invites/components/invitation-view';

export function InvitationRoute() {
  const { token = '' } = useParams();
  return (
    <AuthLayout title="Invitation" subtitle="Join a workspace.">
      <InvitationView token={token} />
    </AuthLayout>
  );
}
