import { SessionsView } from '@/features/sessions/components/sessions-view';

export function SessionsRoute() {
  return <SessionsView />;
}
