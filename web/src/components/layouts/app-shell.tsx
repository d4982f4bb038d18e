import { Menu, PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { Dialog as DialogPrimitive } from 'radix-ui';
import { type ReactNode, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { Button } from '@/components/ui/button';
import { overlayClass } from '@/components/ui/dialog';
import { cn } from '@/lib/cn';
import { t } from '@/lib/i18n';

const COLLAPSED_KEY = 'sidebar-collapsed';

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The signed-in frame: a sidebar (a column on wide screens that can fold to icons, a drawer on
 * phones), a top bar, and the page. `sidebar` receives whether it is folded so it can hide labels.
 */
export function AppShell({
  sidebar,
  topbar,
  banner,
  children,
}: {
  sidebar: (state: { collapsed: boolean }) => ReactNode;
  topbar: ReactNode;
  banner?: ReactNode;
  children: ReactNode;
}) {
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();

  // Following a link in the drawer closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const toggle = () => {
    setCollapsed((was) => {
      try {
        localStorage.setItem(COLLAPSED_KEY, was ? '0' : '1');
      } catch {
        // Without storage the choice lasts for this page only.
      }
      return !was;
    });
  };

  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-surface px-3 py-2 text-sm shadow-pop focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t('shell.skipToContent')}
      </a>
      <aside
        className={cn('sticky top-0 hidden h-dvh shrink-0 flex-col border-r border-border bg-surface lg:flex', collapsed ? 'w-16' : 'w-64')}
        aria-label={t('shell.navigation')}
      >
        <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">{sidebar({ collapsed })}</div>
        <div className={cn('border-t border-border p-2', collapsed ? 'flex justify-center' : '')}>
          <Button
            variant="ghost"
            size={collapsed ? 'icon' : 'sm'}
            onClick={toggle}
            aria-label={collapsed ? t('shell.expandNavigation') : t('shell.collapseNavigation')}
            aria-expanded={!collapsed}
            className={collapsed ? '' : 'w-full justify-start'}
          >
            {collapsed ? <PanelLeftOpen aria-hidden="true" /> : <PanelLeftClose aria-hidden="true" />}
            {collapsed ? null : <span>{t('shell.collapseNavigation')}</span>}
          </Button>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-border bg-surface/90 px-3 backdrop-blur sm:px-4">
          <DialogPrimitive.Root open={drawerOpen} onOpenChange={setDrawerOpen}>
            <DialogPrimitive.Trigger asChild>
              <Button variant="ghost" size="icon" className="lg:hidden" aria-label={t('shell.openNavigation')}>
                <Menu aria-hidden="true" />
              </Button>
            </DialogPrimitive.Trigger>
            <DialogPrimitive.Portal>
              <DialogPrimitive.Overlay className={overlayClass} />
              <DialogPrimitive.Content
                className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto border-r border-border bg-surface shadow-pop"
                aria-describedby={undefined}
              >
                <DialogPrimitive.Title className="sr-only">{t('shell.navigation')}</DialogPrimitive.Title>
                {sidebar({ collapsed: false })}
              </DialogPrimitive.Content>
            </DialogPrimitive.Portal>
          </DialogPrimitive.Root>
          {topbar}
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto flex w-full max-w-5xl min-w-0 flex-1 flex-col gap-6 px-4 py-6 outline-none sm:px-6 lg:py-8"
        >
          {banner}
          {children}
        </main>
      </div>
    </div>
  );
}
