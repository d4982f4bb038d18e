import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { useMembers } from '@/features/members/api/get-members';
import type { Role } from '@/lib/authorization';
import { useLeaveWorkspace } from '../api/leave-workspace';
import { t } from '@/lib/i18n';
import { Card } from '@/components/ui/card';

/** Whether the viewer is the workspace's only owner, who may not leave it (the API answers LAST_OWNER). */
function useIsSoleOwner(slug: string, role: Role): boolean | undefined {
  const { query: members, items: memberItems } = useMembers(slug, { enabled: role === 'owner' });
  if (role !== 'owner') return false;
  // Unknown while loading; if the list cannot be read, the API's own refusal explains it.
  if (members.isError) return false;
  if (!members.data) return undefined;
  // Only what is loaded is known: with more pages, another owner may be on one of them.
  if (members.hasNextPage) return false;
  return memberItems.filter((m) => m.role === 'owner' && !m.is_you).length === 0;
}

export function LeaveWorkspaceSection({ slug, name, role, onLeft }: { slug: string; name: string; role: Role; onLeft: () => void }) {
  const leave = useLeaveWorkspace({ onSuccess: onLeft });
  const soleOwner = useIsSoleOwner(slug, role);
  return (
    <Card aria-labelledby="leave-workspace">
      <h2 className="text-lg font-semibold" id="leave-workspace">
        {t('leaveWorkspaceSection.leaveWorkspace')}
      </h2>
      {soleOwner ? (
        <p className="text-muted" data-testid="sole-owner-note">
          {t('leaveWorkspaceSection.youAreTheOnly', { name })}
        </p>
      ) : (
        <>
          <p className="text-muted">{t('leaveWorkspaceSection.youLoseAccessTo', { name })}</p>
          <div className="flex flex-wrap items-center gap-2">
            <ConfirmDialog
              trigger={
                <Button variant="danger" disabled={soleOwner === undefined}>
                  {t('leaveWorkspaceSection.leave', { name })}
                </Button>
              }
              title={t('leaveWorkspaceSection.leave2', { name })}
              description={t('leaveWorkspaceSection.youLoseAccessAt')}
              confirmLabel={t('leaveWorkspaceSection.leaveWorkspace')}
              isPending={leave.isPending}
              error={leave.error}
              onConfirm={() => leave.mutate({ slug })}
            />
          </div>
        </>
      )}
    </Card>
  );
}
