import type { PresenceEntry } from '../../../../../worker/kernel/realtime.ts';
import { PersonAvatar } from '@/features/files/components/avatar';
import { useMembers } from '@/features/members/api/get-members';
import { t } from '@/lib/i18n';
import type { ConnectionState } from '../lib/connection';

const MAX_SHOWN = 4;

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

/** Who else is here now: one avatar per person online in the workspace, named (and pictured) from the member list. */
export function PresenceAvatars({ slug, people, state }: { slug: string; people: readonly PresenceEntry[]; state: ConnectionState }) {
  const { items: memberItems } = useMembers(slug, { enabled: people.length > 0 });
  const memberOf = (id: string) => memberItems.find((m) => m.user.id === id);
  const shown = people.slice(0, MAX_SHOWN);
  const more = people.length - shown.length;
  return (
    <ul aria-label={t('presence.online')} data-realtime={state} className="flex shrink-0 items-center -space-x-1">
      {shown.map((person) => {
        const member = memberOf(person.id);
        const name = member?.user.name ?? t('presence.someone');
        return (
          <li key={person.id} title={name} aria-label={name} className="flex">
            <PersonAvatar
              name={name}
              src={member?.avatar_url}
              initials={initialsOf(name)}
              className="size-7 border-2 border-surface text-[11px] font-medium text-fg"
            />
          </li>
        );
      })}
      {more > 0 ? (
        <li className="grid size-7 place-items-center rounded-full border-2 border-surface bg-subtle text-[11px] text-muted">
          {t('presence.more', { count: more })}
        </li>
      ) : null}
    </ul>
  );
}
