import { FormError } from '@/components/ui/form-error';
import { Button } from '@/components/ui/button';
import { useLeaveWorkspace } from '../api/leave-workspace';

export function LeaveWorkspaceSection({ slug, name, onLeft }: { slug: string; name: string; onLeft: () => void }) {
  const leave = useLeaveWorkspace({ onSuccess: onLeft });
  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby="leave-workspace"
    >
      <h2 className="text-lg font-semibold" id="leave-workspace">
        Leave workspace
      </h2>
      <p className="text-muted">
        You lose access to {name} at once; its projects stay with the team. An owner has to invite you to come back.
      </p>
      <FormError error={leave.error} shown={[]} />
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="danger" isLoading={leave.isPending} onClick={() => leave.mutate({ slug })}>
          Leave {name}
        </Button>
      </div>
    </section>
  );
}
