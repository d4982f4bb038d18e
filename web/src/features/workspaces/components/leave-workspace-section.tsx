import { FormError } from '@/components/ui/form-error';
import { Button } from '@/components/ui/button';
import { useLeaveWorkspace } from '../api/leave-workspace';

export function LeaveWorkspaceSection({ slug, name, onLeft }: { slug: string; name: string; onLeft: () => void }) {
  const leave = useLeaveWorkspace({ onSuccess: onLeft });
  return (
    <section className="card" aria-labelledby="leave-workspace">
      <h2 className="panel__title" id="leave-workspace">
        Leave workspace
      </h2>
      <p className="muted">You lose access to {name} at once; its data stays with the team. An owner has to invite you to come back.</p>
      <FormError error={leave.error} shown={[]} />
      <div className="form__actions">
        <Button variant="danger" isLoading={leave.isPending} onClick={() => leave.mutate({ slug })}>
          Leave {name}
        </Button>
      </div>
    </section>
  );
}
