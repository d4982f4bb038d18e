import type { Membership } from '@/features/auth/api/get-me';

const STORAGE_KEY = 'last-workspace';

export function rememberWorkspace(slug: string) {
  try {
    localStorage.setItem(STORAGE_KEY, slug);
  } catch {
    // Storage can be disabled; the app then opens the first workspace.
  }
}

function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The workspace to open after log-in: the last one visited if still a member, else the first. */
export function preferredWorkspace(memberships: Membership[]): Membership | undefined {
  const last = lastWorkspace();
  return memberships.find((m) => m.workspace.slug === last) ?? memberships[0];
}
