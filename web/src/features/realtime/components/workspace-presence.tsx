import { useWorkspaceRealtime } from '../hooks/use-workspace-realtime';
import { PresenceAvatars } from './presence-avatars';

/** The shell's live link to the workspace in the URL: keeps its pages fresh and shows who is online. */
export function WorkspacePresence({ slug }: { slug: string }) {
  const { state, people } = useWorkspaceRealtime(slug);
  return <PresenceAvatars slug={slug} people={people} state={state} />;
}
