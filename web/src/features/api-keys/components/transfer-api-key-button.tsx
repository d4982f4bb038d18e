import { Button } from '@/components/ui/button';
import type { ApiKey } from '../api/get-api-keys';
import { useTransferApiKey } from '../api/transfer-api-key';
import { t } from '@/lib/i18n';

/** For owners: the key stops depending on its maker staying in the workspace. */
export function TransferApiKeyButton({ slug, apiKey }: { slug: string; apiKey: ApiKey }) {
  // No success toast: "Made by" changing to you is the confirmation.
  const transfer = useTransferApiKey();
  return (
    <Button variant="secondary" size="sm" isLoading={transfer.isPending} onClick={() => transfer.mutate({ slug, keyId: apiKey.id })}>
      {t('transferApiKeyButton.transferToMe')}
    </Button>
  );
}
