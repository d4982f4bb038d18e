import { useParams } from 'react-router';
import { EndpointView } from '@/features/webhooks/components/endpoint-view';
import { WebhooksView } from '@/features/webhooks/components/webhooks-view';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';

export function WebhooksRoute() {
  const { workspace } = useWorkspace();
  return <WebhooksView slug={workspace.slug} />;
}

export function WebhookEndpointRoute() {
  const { workspace } = useWorkspace();
  const { endpointId = '' } = useParams();
  return <EndpointView key={endpointId} slug={workspace.slug} endpointId={endpointId} />;
}
