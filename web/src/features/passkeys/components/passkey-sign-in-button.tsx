import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useSignInWithPasskey } from '../api/sign-in-with-passkey';
import { t } from '@/lib/i18n';

export function PasskeySignInButton({ onSuccess }: { onSuccess: () => void }) {
  const signIn = useSignInWithPasskey({ onSuccess });
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <Button variant="secondary" className="w-full" isLoading={signIn.isPending} onClick={() => signIn.mutate()}>
        {t('passkeySignInButton.signInWithA')}
      </Button>
      <FormError error={signIn.error} shown={[]} />
    </div>
  );
}
