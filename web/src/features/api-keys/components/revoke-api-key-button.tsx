import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import type { ApiKey } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

export function RevokeApiKeyButton({ slug, apiKey }: { slug: string; apiKey: ApiKey }) {
  // No success toast: the row disappearing is the confirmation.
  const revoke = useRevokeApiKey();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size="sm">
          Revoke
        </Button>
      }
      title={`Revoke the key “${apiKey.name}”?`}
      description="Programs using it are refused from the next request on. This cannot be undone."
      confirmLabel="Revoke key"
      isPending={revoke.isPending}
      onConfirm={() => revoke.mutate({ slug, keyId: apiKey.id })}
    />
  );
}
