import { Outlet } from 'react-router';
import { NavList } from './nav-list';
import type { NavItem } from './navigation';

/** A settings page: its title, a side navigation of its sections (a row of links on phones), the section. */
export function SectionLayout({ title, items }: { title: string; items: NavItem[] }) {
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="flex min-w-0 flex-col gap-6 md:flex-row">
        <div className="-mx-1 overflow-x-auto px-1 md:w-52 md:shrink-0 md:overflow-visible">
          <NavList items={items} label={title} />
        </div>
        <div className="flex min-w-0 flex-1 flex-col gap-6">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
