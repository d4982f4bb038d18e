import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import type { LinkedIdentity } from '../api/get-identities';
import { useUnlinkIdentity } from '../api/unlink-identity';
import { t } from '@/lib/i18n';

export function UnlinkIdentityButton({ identity }: { identity: LinkedIdentity }) {
  // No success toast: the row disappearing is the confirmation.
  const unlink = useUnlinkIdentity();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size="sm">
          {t('unlinkIdentityButton.unlinkProvider', { provider_name: identity.provider_name })}
        </Button>
      }
      title={t('unlinkIdentityButton.unlink2', { provider_name: identity.provider_name })}
      description={
        identity.email
          ? t('unlinkIdentityButton.consequenceWithEmail', { provider_name: identity.provider_name, email: identity.email })
          : t('unlinkIdentityButton.consequence', { provider_name: identity.provider_name })
      }
      confirmLabel={t('unlinkIdentityButton.unlink')}
      isPending={unlink.isPending}
      error={unlink.error}
      onConfirm={() => unlink.mutate({ identityId: identity.id })}
    />
  );
}
