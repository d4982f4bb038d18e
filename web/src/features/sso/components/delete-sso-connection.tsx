import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { useDeleteSsoConnection } from '../api/sso-connection';

/** Turning single sign-on off: the connection and all its domains go. */
export function DeleteSsoConnection({ slug, domainCount }: { slug: string; domainCount: number }) {
  const remove = useDeleteSsoConnection();
  return (
    <section
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-danger/40 bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby="delete-sso-title"
    >
      <h2 id="delete-sso-title" className="text-lg font-semibold">
        Remove single sign-on
      </h2>
      <p className="text-muted">Everyone who signed in through it stays a member and can sign in with an email link instead.</p>
      <div className="flex flex-wrap items-center gap-2">
        <ConfirmDialog
          trigger={<Button variant="danger">Remove single sign-on</Button>}
          title="Remove this workspace’s single sign-on?"
          description={
            domainCount > 0
              ? `The identity provider’s connection and its ${domainCount === 1 ? 'domain go' : `${domainCount} domains go`} at once. Setting it up again needs new DNS checks.`
              : 'The identity provider’s connection goes at once.'
          }
          confirmLabel="Remove single sign-on"
          isPending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate({ slug })}
        />
      </div>
    </section>
  );
}
