import { NavLink } from 'react-router';
import { cn } from '@/lib/cn';
import type { NavItem } from './navigation';

/** A column of links; the current page's is marked for sight and for screen readers (aria-current). */
export function NavList({ items, label, collapsed = false }: { items: NavItem[]; label: string; collapsed?: boolean }) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-col gap-0.5">
        {items.map((item) => (
          <li key={item.href}>
            <NavLink
              to={item.href}
              end={item.end ?? false}
              title={collapsed ? item.label : undefined}
              aria-label={collapsed ? item.label : undefined}
              className={({ isActive }) =>
                cn(
                  'flex h-9 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium text-muted no-underline hover:bg-subtle hover:text-fg hover:no-underline',
                  isActive && 'bg-subtle text-fg',
                  collapsed && 'justify-center px-0',
                )
              }
            >
              <item.icon aria-hidden="true" className="size-4 shrink-0" />
              {collapsed ? null : <span className="truncate">{item.label}</span>}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
