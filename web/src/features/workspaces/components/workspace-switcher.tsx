import { useId } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { workspaceHome } from '@/config/workspace-features';
import { can } from '@/lib/authorization';
import type { Membership } from '@/features/auth/api/get-me';

/** Keeps the user in the same section (API keys) when the new role allows it; otherwise the workspace's home. */
function targetFor(membership: Membership, currentPath: string): string {
  const slug = membership.workspace.slug;
  if (currentPath.endsWith('/api-keys') && can(membership.role, 'api_key:read')) {
    return paths.workspace.apiKeys.getHref(slug);
  }
  return workspaceHome(slug);
}

export function WorkspaceSwitcher({ memberships, currentSlug }: { memberships: Membership[]; currentSlug?: string }) {
  const id = useId();
  const navigate = useNavigate();
  const location = useLocation();

  const onChange = (slug: string) => {
    const membership = memberships.find((m) => m.workspace.slug === slug);
    if (membership) void navigate(targetFor(membership, location.pathname));
  };

  return (
    <div className="switcher">
      <label htmlFor={id} className="sr-only">
        Workspace
      </label>
      <select id={id} className="input input--select switcher__select" value={currentSlug ?? ''} onChange={(e) => onChange(e.target.value)}>
        {currentSlug ? null : (
          <option value="" disabled>
            Choose a workspace
          </option>
        )}
        {memberships.map(({ workspace, role }) => (
          <option key={workspace.id} value={workspace.slug}>
            {workspace.name} ({role})
          </option>
        ))}
      </select>
    </div>
  );
}
