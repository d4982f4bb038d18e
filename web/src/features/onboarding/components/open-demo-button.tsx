import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { workspaceHome } from '@/config/workspace-features';
import { useOpenDemoWorkspace } from '../api/open-demo-workspace';
import { t } from '@/lib/i18n';

/** Opens (or returns to) the person's demo workspace full of sample data. */
export function OpenDemoButton() {
  const navigate = useNavigate();
  const open = useOpenDemoWorkspace({
    onSuccess: (workspace) => navigate(workspaceHome(workspace.slug)),
  });
  return (
    <>
      <Button variant="secondary" isLoading={open.isPending} onClick={() => open.mutate()}>
        {t('openDemoButton.openADemoWorkspace')}
      </Button>
      <FormError error={open.error} shown={[]} />
    </>
  );
}
