import { AccessTokensView } from '@/features/access-tokens/components/access-tokens-view';

export function AccessTokensRoute() {
  return <AccessTokensView />;
}
