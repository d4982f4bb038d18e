import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useSignInWithPasskey } from '../api/sign-in-with-passkey';

export function PasskeySignInButton({ onSuccess }: { onSuccess: () => void }) {
  const signIn = useSignInWithPasskey({ onSuccess });
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <Button variant="secondary" className="w-full" isLoading={signIn.isPending} onClick={() => signIn.mutate()}>
        Sign in with a passkey
      </Button>
      <FormError error={signIn.error} shown={[]} />
    </div>
  );
}
