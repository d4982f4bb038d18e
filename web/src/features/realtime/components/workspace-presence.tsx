import { t } from '@/lib/i18n';
import { useWorkspaceRealtime } from '../hooks/use-workspace-realtime';
import { PresenceAvatars } from './presence-avatars';

/**
 * The shell's live link to the workspace in the URL: keeps its pages fresh and shows who is online;
 * once the hub says access ended (removed, revoked, workspace suspended or deleted), says so instead.
 */
export function WorkspacePresence({ slug }: { slug: string }) {
  const { state, people } = useWorkspaceRealtime(slug);
  if (state === 'revoked') {
    return (
      <p
        role="status"
        title={t('presence.accessEndedHint')}
        className="shrink-0 rounded-full border border-destructive/40 px-2 py-0.5 text-xs font-medium text-destructive"
      >
        {t('presence.accessEnded')}
        <span className="sr-only">: {t('presence.accessEndedHint')}</span>
      </p>
    );
  }
  return <PresenceAvatars slug={slug} people={people} state={state} />;
}
