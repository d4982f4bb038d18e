import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import type { ApiKey } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';
import { t } from '@/lib/i18n';

export function RevokeApiKeyButton({ slug, apiKey }: { slug: string; apiKey: ApiKey }) {
  // No success toast: the row disappearing is the confirmation.
  const revoke = useRevokeApiKey();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size="sm">
          {t('revokeApiKeyButton.revoke')}
        </Button>
      }
      title={t('revokeApiKeyButton.revokeTheKey', { name: apiKey.name })}
      description={t('revokeApiKeyButton.programsUsingItAre')}
      confirmLabel={t('revokeApiKeyButton.revokeKey')}
      isPending={revoke.isPending}
      onConfirm={() => revoke.mutate({ slug, keyId: apiKey.id })}
    />
  );
}
