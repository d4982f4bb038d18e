import type { ReactNode } from 'react';
import { ErrorBanner } from '@/components/ui/error-banner';
import { StorageUsageSection } from '@/features/files/components/storage-usage-section';
import { PageSpinner } from '@/components/ui/spinner';
import { can, type Role } from '@/lib/authorization';
import { useWorkspaceSettings } from '../api/get-workspace';
import { DeleteWorkspacePanel } from './delete-workspace-panel';
import { WorkspaceSettingsForm } from './workspace-settings-form';
import { t } from '@/lib/i18n';

/** Name, slug and logo of the workspace, its storage use; `children` (leaving it) and the owner's danger zone below. */
export function WorkspaceSettingsView({ slug, role, children }: { slug: string; role: Role; children?: ReactNode }) {
  const settings = useWorkspaceSettings(slug);
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('nav.general')}</h1>
      </div>
      {settings.isPending ? (
        <PageSpinner label={t('workspaceSettingsView.loadingSettings')} />
      ) : settings.isError ? (
        <ErrorBanner error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <>
          <WorkspaceSettingsForm workspace={settings.data} canEdit={can(role, 'workspace:update')} />
          <StorageUsageSection slug={slug} />
          {children}
          {can(role, 'workspace:delete') ? <DeleteWorkspacePanel workspace={settings.data} /> : null}
        </>
      )}
    </div>
  );
}
