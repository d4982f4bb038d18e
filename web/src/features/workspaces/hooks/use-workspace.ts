import { createContext, useContext } from 'react';
import type { Membership } from '@/features/auth/api/get-me';

/** The workspace in the URL and the user's role in it; set by the workspace layout route. */
export const WorkspaceContext = createContext<Membership | null>(null);

export function useWorkspace(): Membership {
  const membership = useContext(WorkspaceContext);
  if (!membership) throw new Error('useWorkspace must be used inside a /w/:slug route');
  return membership;
}
