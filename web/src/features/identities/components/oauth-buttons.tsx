import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useOAuthProviders } from '../api/get-oauth-providers';
import { useStartOAuth } from '../api/start-oauth';
import { t } from '@/lib/i18n';

/** "Continue with Google / GitHub" for each provider the deployment has configured. */
export function OAuthButtons({ next }: { next: string }) {
  const providers = useOAuthProviders();
  const start = useStartOAuth();
  if (!providers.data || providers.data.items.length === 0) return null;
  return (
    <div className="flex min-w-0 flex-col gap-2">
      {providers.data.items.map((provider) => (
        <Button
          key={provider.id}
          variant="secondary"
          className="w-full"
          isLoading={start.isPending && start.variables?.provider === provider.id}
          onClick={() => start.mutate({ provider: provider.id, input: { intent: 'sign_in', next } })}
        >
          {t('oauthButtons.continueWith', { name: provider.name })}
        </Button>
      ))}
      <FormError error={start.error} shown={[]} />
    </div>
  );
}
