import { SsoSettingsView } from '@/features/sso/components/sso-settings-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function SsoSettingsRoute() {
  const { workspace } = useWorkspace();
  return <SsoSettingsView slug={workspace.slug} />;
}
