import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { useDeleteSsoConnection } from '../api/sso-connection';
import { t } from '@/lib/i18n';

/** Turning single sign-on off: the connection and all its domains go. */
export function DeleteSsoConnection({ slug, domainCount }: { slug: string; domainCount: number }) {
  const remove = useDeleteSsoConnection();
  return (
    <section
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-danger/40 bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby="delete-sso-title"
    >
      <h2 id="delete-sso-title" className="text-lg font-semibold">
        {t('deleteSsoConnection.removeSingleSignOn')}
      </h2>
      <p className="text-muted">{t('deleteSsoConnection.everyoneWhoSignedIn')}</p>
      <div className="flex flex-wrap items-center gap-2">
        <ConfirmDialog
          trigger={<Button variant="danger">{t('deleteSsoConnection.removeSingleSignOn')}</Button>}
          title={t('deleteSsoConnection.removeThisWorkspaceS')}
          description={
            domainCount > 0
              ? t(domainCount === 1 ? 'deleteSsoConnection.withDomain' : 'deleteSsoConnection.withDomains', { n: domainCount })
              : t('deleteSsoConnection.theIdentityProviderS')
          }
          confirmLabel={t('deleteSsoConnection.removeSingleSignOn')}
          isPending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate({ slug })}
        />
      </div>
    </section>
  );
}
