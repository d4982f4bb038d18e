import { Bell } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { RelativeTime } from '@/components/ui/relative-time';
import { t } from '@/lib/i18n';
import { useNotifications, useUnreadCount } from '../api/get-notifications';
import { useMarkAllRead, useMarkRead } from '../api/mark-read';

/** The most the badge spells out; more reads "99+". */
const MAX_SHOWN = 99;

/**
 * The bell in the top bar: the unread count of the person's notifications in the workspace they are
 * in, and, opened, the latest of them. Choosing one marks it read and goes where it points.
 */
export function NotificationBell({ slug }: { slug: string }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const count = useUnreadCount(slug).data?.unread ?? 0;
  const list = useNotifications(slug, { enabled: open });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell');

  return (
    <DropdownMenu open={open} onOpenChange={setOpen}>
      <DropdownMenuTrigger
        aria-label={label}
        className="relative inline-flex size-9 shrink-0 items-center justify-center rounded-full text-muted hover:bg-subtle hover:text-fg"
      >
        <Bell aria-hidden="true" className="size-5" />
        {count > 0 ? (
          <span
            aria-hidden="true"
            data-testid="notification-count"
            className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-danger px-1 text-center text-xs leading-5 font-semibold text-danger-fg"
          >
            {count > MAX_SHOWN ? `${MAX_SHOWN}+` : count}
          </span>
        ) : null}
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-[min(22rem,calc(100vw-1rem))]" collisionPadding={8}>
        <div className="flex items-center justify-between gap-2">
          <DropdownMenuLabel>{t('notifications.title')}</DropdownMenuLabel>
          <Button variant="ghost" size="sm" disabled={count === 0} isLoading={markAll.isPending} onClick={() => markAll.mutate({ slug })}>
            {t('notifications.markAllRead')}
          </Button>
        </div>
        <DropdownMenuSeparator />
        {list.isPending ? (
          <p className="px-2 py-3 text-sm text-muted">{t('notifications.loading')}</p>
        ) : list.data && list.data.items.length > 0 ? (
          <ul className="max-h-96 overflow-y-auto">
            {list.data.items.map((n) => (
              <li key={n.id}>
                <DropdownMenuItem
                  className="items-start"
                  onSelect={() => {
                    if (!n.read_at) markRead.mutate({ slug, id: n.id });
                    void navigate(n.link);
                  }}
                >
                  <span
                    aria-hidden="true"
                    className={n.read_at ? 'mt-1.5 size-2 shrink-0 rounded-full' : 'mt-1.5 size-2 shrink-0 rounded-full bg-primary'}
                  />
                  <span className="flex min-w-0 flex-col">
                    <span className={n.read_at ? 'break-words text-muted' : 'break-words font-medium'}>{n.text}</span>
                    <span className="text-xs text-muted">
                      {n.read_at ? null : <span className="sr-only">{t('notifications.unread')} </span>}
                      <RelativeTime iso={n.created_at} />
                    </span>
                  </span>
                </DropdownMenuItem>
              </li>
            ))}
          </ul>
        ) : (
          <p className="px-2 py-3 text-sm text-muted">{t('notifications.empty')}</p>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
