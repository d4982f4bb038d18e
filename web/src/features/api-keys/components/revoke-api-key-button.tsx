import { Button } from '@/components/ui/button';
import { addNotification } from '@/stores/notifications';
import type { ApiKey } from '@/types/api';
import { useRevokeApiKey } from '../api/revoke-api-key';

export function RevokeApiKeyButton({ slug, apiKey }: { slug: string; apiKey: ApiKey }) {
  const revoke = useRevokeApiKey({
    onSuccess: () =>
      addNotification({ kind: 'success', message: `API key “${apiKey.name}” revoked.` }),
  });
  return (
    <Button
      variant="danger"
      size="sm"
      isLoading={revoke.isPending}
      onClick={() => revoke.mutate({ slug, keyId: apiKey.id })}
    >
      Revoke
    </Button>
  );
}
