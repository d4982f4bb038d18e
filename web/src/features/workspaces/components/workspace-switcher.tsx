import { Check, ChevronsUpDown, Plus } from 'lucide-react';
import { Link, useLocation, useNavigate } from 'react-router';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { paths } from '@/config/paths';
import { workspaceHome } from '@/config/workspace-features';
import type { Membership } from '@/features/auth/api/get-me';
import { can, roleLabel } from '@/lib/authorization';
import { cn } from '@/lib/cn';
import { t } from '@/lib/i18n';

/** Keeps the user in the same section (API keys) when the new role allows it; otherwise the workspace's home. */
function targetFor(membership: Membership, currentPath: string): string {
  const slug = membership.workspace.slug;
  if (currentPath.endsWith('/api-keys') && can(membership.role, 'api_key:read')) {
    return paths.workspace.apiKeys.getHref(slug);
  }
  return workspaceHome(slug);
}

function Initial({ name }: { name: string }) {
  return (
    <span
      aria-hidden="true"
      className="inline-flex size-7 shrink-0 items-center justify-center rounded-md bg-primary text-sm font-bold text-primary-fg"
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** The top of the sidebar: which workspace this is, and a menu to go to another or make one. */
export function WorkspaceSwitcher({
  memberships,
  currentSlug,
  collapsed = false,
}: {
  memberships: Membership[];
  currentSlug?: string | undefined;
  collapsed?: boolean;
}) {
  const navigate = useNavigate();
  const location = useLocation();
  const current = memberships.find((m) => m.workspace.slug === currentSlug);
  const name = current?.workspace.name ?? t('shell.chooseWorkspace');

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(
          'flex h-11 w-full min-w-0 items-center gap-2 rounded-md px-2 text-left text-sm hover:bg-subtle',
          collapsed && 'justify-center px-0',
        )}
      >
        <Initial name={current?.workspace.name ?? '?'} />
        {/* The name comes from the visible text, so what people see is what a screen reader says. */}
        <span className="sr-only">{t('shell.workspace')}: </span>
        {collapsed ? (
          <span className="sr-only">{name}</span>
        ) : (
          <>
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="truncate font-semibold">{name}</span>{' '}
              {current ? <span className="truncate text-xs text-muted">{roleLabel(current.role)}</span> : null}
            </span>
            <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 text-muted" />
          </>
        )}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>{t('palette.workspaces')}</DropdownMenuLabel>
        {memberships.map((membership) => (
          <DropdownMenuItem key={membership.workspace.id} onSelect={() => void navigate(targetFor(membership, location.pathname))}>
            <Initial name={membership.workspace.name} />
            <span className="min-w-0 flex-1 truncate">{membership.workspace.name}</span>
            {membership.workspace.slug === currentSlug ? <Check aria-label={t('workspaceSwitcher.current')} /> : null}
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to={paths.workspaces.new.getHref()}>
            <Plus aria-hidden="true" />
            {t('shell.newWorkspace')}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
