import { t } from '@/lib/i18n';
/** What a provider round trip that came back with `?error=<code>` means for the person. */
const messages: Record<string, string> = {
  OAUTH_STATE_INVALID: 'That sign-in could not be completed (it expired, or was started in another browser). Please try again.',
  OAUTH_PROVIDER_ERROR: 'The provider did not sign you in. Please try again.',
  OAUTH_EMAIL_UNVERIFIED: 'The provider does not confirm your email address. Verify it there, or sign up with a password.',
  OAUTH_ACCOUNT_EXISTS:
    'An account with this email already exists. Log in with your password, then link the provider under Sign-in methods.',
  IDENTITY_TAKEN: 'That account at the provider is already linked to another account here.',
  PROVIDER_ALREADY_LINKED: 'That provider is already linked to your account.',
  SSO_DOMAIN_MISMATCH: 'Your organisation’s identity provider did not confirm an email address in its verified domains.',
  UNAUTHENTICATED: 'This account has been closed.',
  NOT_FOUND: 'That way of signing in is not available.',
};

export function OAuthError({ code }: { code: string | null }) {
  if (!code) return null;
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-danger/40 bg-danger-soft p-3 text-sm sm:flex-row sm:items-center"
      role="alert"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="min-w-0 break-words">{messages[code] ?? t('oauthError.signingInDidNot')}</p>
      </div>
    </div>
  );
}
