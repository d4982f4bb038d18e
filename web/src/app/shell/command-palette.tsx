import { Command } from 'cmdk';
import { Search } from 'lucide-react';
import { Dialog as DialogPrimitive } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { overlayClass } from '@/components/ui/dialog';
import { workspaceHome } from '@/config/workspace-features';
import type { Membership } from '@/features/auth/api/get-me';
import { t } from '@/lib/i18n';
import { accountNav, type NavItem, workspaceNav } from './navigation';

const itemClass =
  'flex cursor-default items-center gap-2 rounded-md px-2 py-2 text-sm select-none data-[selected=true]:bg-subtle [&_svg]:size-4 [&_svg]:text-muted';

/** ⌘K / Ctrl+K: jump to any page of this workspace, any account page, or any other workspace. */
export function CommandPalette({ memberships, current }: { memberships: Membership[]; current: Membership | undefined }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setOpen((was) => !was);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const go = (href: string) => {
    setOpen(false);
    void navigate(href);
  };
  const group = (heading: string, items: NavItem[]) => (
    <Command.Group heading={heading} className="px-1 py-1 text-xs text-muted [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1.5">
      {items.map((item) => (
        <Command.Item key={item.href} value={`${heading} ${item.label}`} onSelect={() => go(item.href)} className={itemClass}>
          <item.icon aria-hidden="true" />
          <span className="text-fg">{item.label}</span>
        </Command.Item>
      ))}
    </Command.Group>
  );

  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Trigger asChild>
        <Button
          variant="secondary"
          size="sm"
          className="w-9 justify-center px-0 text-muted sm:w-64 sm:justify-start sm:px-3"
          aria-keyshortcuts="Control+K Meta+K"
        >
          <Search aria-hidden="true" />
          <span className="sr-only sm:not-sr-only">{t('shell.search')}</span>
          <kbd className="ml-auto hidden rounded border border-border px-1.5 font-sans text-xs sm:inline">{t('commandPalette.k')}</kbd>
        </Button>
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={overlayClass} />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-x-3 top-16 z-50 mx-auto max-w-lg overflow-hidden rounded-xl border border-border bg-surface shadow-pop"
        >
          <DialogPrimitive.Title className="sr-only">{t('palette.title')}</DialogPrimitive.Title>
          <Command label={t('palette.title')} loop>
            <div className="flex items-center gap-2 border-b border-border px-3">
              <Search aria-hidden="true" className="size-4 text-muted" />
              <Command.Input
                placeholder={t('palette.placeholder')}
                className="h-11 w-full bg-transparent text-base outline-none placeholder:text-muted sm:text-sm"
              />
            </div>
            <Command.List className="max-h-[60dvh] overflow-y-auto p-1">
              <Command.Empty className="p-4 text-center text-sm text-muted">{t('palette.empty')}</Command.Empty>
              {current ? group(current.workspace.name, workspaceNav(current.workspace.slug, current.role)) : null}
              {group(t('palette.account'), accountNav())}
              <Command.Group
                heading={t('palette.workspaces')}
                className="px-1 py-1 text-xs text-muted [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1.5"
              >
                {memberships.map((m) => (
                  <Command.Item
                    key={m.workspace.id}
                    value={`workspace ${m.workspace.name} ${m.workspace.slug}`}
                    onSelect={() => go(workspaceHome(m.workspace.slug))}
                    className={itemClass}
                  >
                    <span className="text-fg">{m.workspace.name}</span>
                  </Command.Item>
                ))}
              </Command.Group>
            </Command.List>
          </Command>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
