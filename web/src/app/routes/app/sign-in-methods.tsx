import { useSearchParams } from 'react-router';
import { paths } from '@/config/paths';
import { SignInMethodsView } from '@/features/identities/components/sign-in-methods-view';

export function SignInMethodsRoute() {
  const [params] = useSearchParams();
  return <SignInMethodsView error={params.get('error')} returnTo={paths.settings.signInMethods.getHref()} />;
}
