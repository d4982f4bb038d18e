import { domainInput } from '../../../../../worker/modules/oauth/oauth.input.ts';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { inlineFormClass, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { tRich } from '@/lib/rich-text';
import { type SsoConnection, useAddSsoDomain, useRemoveSsoDomain, useVerifySsoDomain } from '../api/sso-connection';

/** Email domains routed to this connection once their DNS TXT record proves the workspace controls them. */
export function SsoDomains({ slug, connection }: { slug: string; connection: SsoConnection }) {
  const add = useAddSsoDomain();
  const form = useSchemaForm(domainInput, { defaultValues: { domain: '' }, serverError: add.error });
  const verify = useVerifySsoDomain();
  const remove = useRemoveSsoDomain();
  const onSubmit = form.handleSubmit(({ domain }) => add.mutate({ slug, name: domain }, { onSuccess: () => form.reset() }));
  return (
    <section>
      <h2 className="text-lg font-semibold">{t('ssoDomains.domains')}</h2>
      {connection.domains.length === 0 ? (
        <EmptyState
          level={3}
          title={t('ssoDomains.noDomainsYet')}
          description={t('ssoDomains.peopleWithAnEmail')}
          action={{ label: t('ssoDomains.addYourFirstDomain'), onClick: () => form.setFocus('domain') }}
        />
      ) : (
        <ul className="flex flex-col gap-2">
          {connection.domains.map((d) => (
            <li key={d.domain} data-testid="sso-domain">
              <strong>{d.domain}</strong>{' '}
              {d.verified ? (
                <Badge tone="success">{t('ssoDomains.verified')}</Badge>
              ) : (
                <Badge tone="muted">{t('ssoDomains.notVerified')}</Badge>
              )}
              {d.verified ? null : (
                <p className="text-muted">
                  {tRich('ssoDomains.addATxtRecord', {
                    name: <code>{d.verification.name}</code>,
                    value: <code>{d.verification.value}</code>,
                  })}
                </p>
              )}
              <div className="flex flex-wrap items-center gap-2">
                {d.verified ? null : (
                  <Button
                    size="sm"
                    isLoading={verify.isPending && verify.variables?.name === d.domain}
                    onClick={() => verify.mutate({ slug, name: d.domain })}
                  >
                    {t('ssoDomains.verify', { domain: d.domain })}
                  </Button>
                )}
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="ghost">
                      {t('ssoDomains.remove', { domain: d.domain })}
                    </Button>
                  }
                  title={t('ssoDomains.removeTheDomain', { domain: d.domain })}
                  description={t('ssoDomains.peopleWithAnAddress', { domain: d.domain })}
                  confirmLabel={t('ssoDomains.removeDomain')}
                  isPending={remove.isPending}
                  error={remove.error}
                  onConfirm={() => remove.mutate({ slug, name: d.domain })}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <FormError error={verify.error} shown={[]} />
      <form className={inlineFormClass} noValidate onSubmit={onSubmit}>
        <TextField
          label={t('sso.domain')}
          placeholder={t('sso.domainPlaceholder')}
          {...form.register('domain', { setValueAs: (value: string) => value.trim() })}
          errors={form.errorsOf('domain')}
        />
        <FormError error={add.error} shown={['domain']} />
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="secondary" isLoading={add.isPending}>
            {t('sso.addDomain')}
          </Button>
        </div>
      </form>
    </section>
  );
}
