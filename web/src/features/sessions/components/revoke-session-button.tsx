import { Button } from '@/components/ui/button';
import type { Session } from '../api/get-sessions';
import { useRevokeSession } from '../api/revoke-session';
import { signInName } from './sign-in-label';

export function RevokeSessionButton({ session }: { session: Session }) {
  // No success toast: the row disappearing is the confirmation.
  const revoke = useRevokeSession();
  return (
    <Button
      variant="danger"
      size="sm"
      isLoading={revoke.isPending}
      aria-label={`Revoke ${signInName(session)}`}
      onClick={() => revoke.mutate({ sessionId: session.id })}
    >
      Revoke
    </Button>
  );
}
