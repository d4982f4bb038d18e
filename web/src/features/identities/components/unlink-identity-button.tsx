import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import type { LinkedIdentity } from '../api/get-identities';
import { useUnlinkIdentity } from '../api/unlink-identity';

export function UnlinkIdentityButton({ identity }: { identity: LinkedIdentity }) {
  // No success toast: the row disappearing is the confirmation.
  const unlink = useUnlinkIdentity();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size="sm">
          Unlink {identity.provider_name}
        </Button>
      }
      title={`Unlink ${identity.provider_name}?`}
      description={`You can no longer sign in with ${identity.provider_name}${identity.email ? ` (${identity.email})` : ''}. You can link it again later.`}
      confirmLabel="Unlink"
      isPending={unlink.isPending}
      error={unlink.error}
      onConfirm={() => unlink.mutate({ identityId: identity.id })}
    />
  );
}
