import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { cardClass } from '@/components/ui/card';
import { ErrorBanner } from '@/components/ui/error-banner';
import { FormError } from '@/components/ui/form-error';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { useIdentities } from '../api/get-identities';
import { useStartOAuth } from '../api/start-oauth';
import { OAuthError } from './oauth-error';
import { UnlinkIdentityButton } from './unlink-identity-button';

/** One way to sign in: its name and state, what it is tied to, and what can be done with it. */
function MethodRow({
  name,
  state,
  detail,
  action,
  testId,
}: {
  name: string;
  state: ReactNode;
  detail: string | null;
  action: ReactNode;
  testId?: string | undefined;
}) {
  return (
    <li
      className="flex min-w-0 flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between"
      data-testid={testId}
    >
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{name}</span>
          {state}
        </div>
        {detail ? <p className="text-sm break-words text-muted">{detail}</p> : null}
      </div>
      {action ? <div className="flex shrink-0 items-center gap-2">{action}</div> : null}
    </li>
  );
}

/**
 * The ways the signed-in person can sign in, one row each: the password, then every provider the
 * app offers (linked, with the account and since when, or not) and any linked one it no longer offers.
 */
export function SignInMethodsView({ error, returnTo }: { error: string | null; returnTo: string }) {
  const identities = useIdentities();
  const link = useStartOAuth();

  if (identities.isPending) return <PageSpinner label={t('signInMethodsView.loadingSignInMethods')} />;
  if (identities.isError) return <ErrorBanner error={identities.error} onRetry={() => identities.refetch()} />;
  const { items, has_password: hasPassword, available } = identities.data;
  const providers = [
    ...available.map((provider) => ({ id: provider.id, name: provider.name })),
    ...items.filter((i) => !available.some((p) => p.id === i.provider)).map((i) => ({ id: i.provider, name: i.provider_name })),
  ];

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t('signInMethodsView.signInMethods')}</h1>
        <p className="text-muted">{t('signInMethodsView.intro')}</p>
      </div>
      <OAuthError code={error} />
      <ul className={cn(cardClass, 'gap-0 divide-y divide-border')}>
        <MethodRow
          name={t('signInMethodsView.password')}
          state={
            <Badge tone={hasPassword ? 'success' : 'muted'}>
              {hasPassword ? t('signInMethodsView.set') : t('signInMethodsView.notSet')}
            </Badge>
          }
          detail={hasPassword ? null : t('signInMethodsView.noPasswordDetail')}
          action={
            hasPassword ? (
              <Link to={paths.settings.password.getHref()} className={buttonClass('secondary', 'sm')}>
                {t('signInMethodsView.changePassword')}
              </Link>
            ) : null
          }
        />
        {providers.map((provider) => {
          const identity = items.find((i) => i.provider === provider.id);
          return identity ? (
            <MethodRow
              key={provider.id}
              testId="identity-row"
              name={provider.name}
              state={<Badge tone="success">{t('signInMethodsView.linked')}</Badge>}
              detail={t('signInMethodsView.linkedDetail', {
                account: identity.email ?? provider.name,
                date: formatDateTime(identity.created_at),
              })}
              action={<UnlinkIdentityButton identity={identity} />}
            />
          ) : (
            <MethodRow
              key={provider.id}
              name={provider.name}
              state={<Badge tone="muted">{t('signInMethodsView.notLinked')}</Badge>}
              detail={t('signInMethodsView.notLinkedDetail', { name: provider.name })}
              action={
                <Button
                  variant="secondary"
                  size="sm"
                  isLoading={link.isPending && link.variables?.provider === provider.id}
                  onClick={() => link.mutate({ provider: provider.id, input: { intent: 'link', next: returnTo } })}
                >
                  {t('signInMethodsView.link', { name: provider.name })}
                </Button>
              }
            />
          );
        })}
      </ul>
      {providers.length === 0 ? <p className="text-sm text-muted">{t('signInMethodsView.thisAppHasNo')}</p> : null}
      <FormError error={link.error} shown={[]} />
    </div>
  );
}
