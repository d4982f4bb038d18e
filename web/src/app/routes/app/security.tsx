import { SecurityView } from '@/features/mfa/components/security-view';

export function SecurityRoute() {
  return <SecurityView />;
}
