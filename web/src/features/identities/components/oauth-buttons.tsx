import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useOAuthProviders } from '../api/get-oauth-providers';
import { useStartOAuth } from '../api/start-oauth';
import { t } from '@/lib/i18n';

/** The "or" between two ways of signing in. */
export function OrDivider() {
  return (
    <p className="flex items-center gap-3 text-xs text-muted uppercase before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">
      {t('login.or')}
    </p>
  );
}

/**
 * "Continue with Google / GitHub" for each provider the deployment has configured, followed by the
 * "or" before a form when `divider` says so; nothing at all when it has none. A new person who
 * continues with a provider gets an account.
 */
export function OAuthButtons({ next, divider }: { next: string; divider?: 'after' }) {
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
      {divider === 'after' ? <OrDivider /> : null}
    </div>
  );
}
