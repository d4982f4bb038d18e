import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useSignInWithPasskey } from '../api/sign-in-with-passkey';

export function PasskeySignInButton({ onSuccess }: { onSuccess: () => void }) {
  const signIn = useSignInWithPasskey({ onSuccess });
  return (
    <div className="form">
      <Button variant="secondary" className="btn--block" isLoading={signIn.isPending} onClick={() => signIn.mutate()}>
        Sign in with a passkey
      </Button>
      <FormError error={signIn.error} shown={[]} />
    </div>
  );
}
