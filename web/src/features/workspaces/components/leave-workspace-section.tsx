import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { useMembers } from '@/features/members/api/get-members';
import type { Role } from '@/lib/authorization';
import { useLeaveWorkspace } from '../api/leave-workspace';

/** Whether the viewer is the workspace's only owner, who may not leave it (the API answers LAST_OWNER). */
function useIsSoleOwner(slug: string, role: Role): boolean | undefined {
  const members = useMembers(slug, { enabled: role === 'owner' });
  if (role !== 'owner') return false;
  // Unknown while loading; if the list cannot be read, the API's own refusal explains it.
  if (members.isError) return false;
  if (!members.data) return undefined;
  return members.data.items.filter((m) => m.role === 'owner' && !m.is_you).length === 0;
}

export function LeaveWorkspaceSection({ slug, name, role, onLeft }: { slug: string; name: string; role: Role; onLeft: () => void }) {
  const leave = useLeaveWorkspace({ onSuccess: onLeft });
  const soleOwner = useIsSoleOwner(slug, role);
  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby="leave-workspace"
    >
      <h2 className="text-lg font-semibold" id="leave-workspace">
        Leave workspace
      </h2>
      {soleOwner ? (
        <p className="text-muted" data-testid="sole-owner-note">
          You are the only owner of {name}, so you cannot leave it. Make another member an owner first, or delete the workspace.
        </p>
      ) : (
        <>
          <p className="text-muted">
            You lose access to {name} at once; its data stays with the team. An owner has to invite you to come back.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <ConfirmDialog
              trigger={
                <Button variant="danger" disabled={soleOwner === undefined}>
                  Leave {name}
                </Button>
              }
              title={`Leave ${name}?`}
              description="You lose access at once. An owner has to invite you to come back."
              confirmLabel="Leave workspace"
              isPending={leave.isPending}
              error={leave.error}
              onConfirm={() => leave.mutate({ slug })}
            />
          </div>
        </>
      )}
    </section>
  );
}
