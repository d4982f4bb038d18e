import { Link, useNavigate } from 'react-router';
import { Button, buttonClass } from '@/components/ui/button';
import { paths } from '@/config/paths';
import type { User } from '../api/get-me';
import { useLogoutUser } from '../api/logout-user';

export function AccountMenu({ user }: { user: User }) {
  const navigate = useNavigate();
  const logout = useLogoutUser({
    onSuccess: () => navigate(paths.auth.login.getHref(), { replace: true }),
  });

  return (
    <div className="account">
      <span className="account__who" title={user.email}>
        {user.name || user.email}
      </span>
      <Link to={paths.settings.sessions.getHref()} className={buttonClass('ghost', 'sm')}>
        Sessions
      </Link>
      <Link to={paths.settings.account.getHref()} className={buttonClass('ghost', 'sm')}>
        Account
      </Link>
      <Link to={paths.settings.security.getHref()} className={buttonClass('ghost', 'sm')}>
        Security
      </Link>
      <Link to={paths.settings.password.getHref()} className={buttonClass('ghost', 'sm')}>
        Password
      </Link>
      <Link to={paths.settings.signInMethods.getHref()} className={buttonClass('ghost', 'sm')}>
        Sign-in methods
      </Link>
      <Link to={paths.settings.accessTokens.getHref()} className={buttonClass('ghost', 'sm')}>
        Tokens
      </Link>
      <Button variant="ghost" size="sm" isLoading={logout.isPending} onClick={() => logout.mutate()}>
        Log out
      </Button>
    </div>
  );
}
