import { LogOut, Monitor, Moon, Settings, Sun, User as UserIcon } from 'lucide-react';
import { Link, useNavigate } from 'react-router';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { paths } from '@/config/paths';
import { Avatar } from '@/features/files/components/avatar';
import { t } from '@/lib/i18n';
import { setTheme, type ThemeChoice, useTheme } from '@/lib/theme';
import type { User } from '../api/get-me';
import { useLogoutUser } from '../api/logout-user';

const themes = [
  { value: 'system', label: 'theme.system', icon: Monitor },
  { value: 'light', label: 'theme.light', icon: Sun },
  { value: 'dark', label: 'theme.dark', icon: Moon },
] as const;

/** The person's menu: who is signed in, profile, account settings, theme, log out. */
export function AccountMenu({ user }: { user: User }) {
  const navigate = useNavigate();
  const theme = useTheme();
  const logout = useLogoutUser({
    onSuccess: () => navigate(paths.auth.login.getHref(), { replace: true }),
  });
  const shown = user.name || user.email;

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={t('shell.userMenu')}
        className="inline-flex size-9 shrink-0 items-center justify-center rounded-full hover:ring-2 hover:ring-border"
      >
        <Avatar name={shown} className="size-9 text-sm" />
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel className="flex flex-col">
          <span className="truncate text-sm text-fg">{user.name}</span>
          <span className="truncate font-normal">{user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to={paths.settings.account.getHref()}>
            <UserIcon aria-hidden="true" />
            {t('nav.profile')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to={paths.settings.security.getHref()}>
            <Settings aria-hidden="true" />
            {t('nav.accountSettings')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t('theme.label')}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={theme} onValueChange={(value) => setTheme(value as ThemeChoice)}>
          {themes.map(({ value, label, icon: Icon }) => (
            <DropdownMenuRadioItem key={value} value={value}>
              <Icon aria-hidden="true" />
              {t(label)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => logout.mutate()} disabled={logout.isPending}>
          <LogOut aria-hidden="true" />
          {t('nav.logOut')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
