import { useNavigate } from 'react-router';
import { Card, CardTitle } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { DataExportSection } from '@/features/account/components/data-export-section';
import { DeleteAccountForm } from '@/features/account/components/delete-account-form';
import { useSession } from '@/features/auth/hooks/use-session';

export function AccountRoute() {
  const { user } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <Card aria-labelledby="profile-title">
        <CardTitle id="profile-title">Profile</CardTitle>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-muted">Name</dt>
          <dd className="min-w-0 break-words">{user.name}</dd>
          <dt className="text-muted">Email</dt>
          <dd className="min-w-0 break-words">{user.email}</dd>
        </dl>
      </Card>
      <DataExportSection />
      <DeleteAccountForm onDeleted={() => navigate(paths.goodbye.getHref(), { replace: true })} />
    </>
  );
}
