import { Button } from '@/components/ui/button';
import type { ApiKey } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

export function RevokeApiKeyButton({ slug, apiKey }: { slug: string; apiKey: ApiKey }) {
  // No success toast: the row disappearing is the confirmation.
  const revoke = useRevokeApiKey();
  return (
    <Button variant="danger" size="sm" isLoading={revoke.isPending} onClick={() => revoke.mutate({ slug, keyId: apiKey.id })}>
      Revoke
    </Button>
  );
}
