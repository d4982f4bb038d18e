import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import type { Session } from '../api/get-sessions';
import { useRevokeSession } from '../api/revoke-session';
import { signInName } from './sign-in-label';
import { t } from '@/lib/i18n';

export function RevokeSessionButton({ session }: { session: Session }) {
  // No success toast: the row disappearing is the confirmation.
  const revoke = useRevokeSession();
  const name = signInName(session);
  const isApp = session.kind === 'app';
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger" size="sm" aria-label={t('revokeSessionButton.revoke', { name })}>
          {t('revokeSessionButton.revoke2')}
        </Button>
      }
      title={isApp ? t('revokeSessionButton.revokeTheAppSign', { name }) : t('revokeSessionButton.signOut', { name })}
      description={isApp ? t('revokeSessionButton.theAppIsSigned') : t('revokeSessionButton.thatBrowserIsSigned')}
      confirmLabel={isApp ? t('revokeSessionButton.revokeAppSignIn') : t('revokeSessionButton.signOut2')}
      isPending={revoke.isPending}
      onConfirm={() => revoke.mutate({ sessionId: session.id })}
    />
  );
}
