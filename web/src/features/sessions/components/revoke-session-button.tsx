import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import type { Session } from '../api/get-sessions';
import { useRevokeSession } from '../api/revoke-session';
import { signInName } from './sign-in-label';

export function RevokeSessionButton({ session }: { session: Session }) {
  // No success toast: the row disappearing is the confirmation.
  const revoke = useRevokeSession();
  const name = signInName(session);
  const isApp = session.kind === 'app';
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size="sm" aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      }
      title={isApp ? `Revoke the app sign-in “${name}”?` : `Sign out “${name}”?`}
      description={
        isApp
          ? 'The app is signed out at once and its refresh and access tokens stop working. Sign in there again to use it.'
          : 'That browser is signed out at once. Signing in there again works as usual.'
      }
      confirmLabel={isApp ? 'Revoke app sign-in' : 'Sign out'}
      isPending={revoke.isPending}
      onConfirm={() => revoke.mutate({ sessionId: session.id })}
    />
  );
}
