import { z } from 'zod';
import type { PublishedEvent } from '../../kernel/bus.ts';
import type { ConsumerHandler } from '../lazy-consumers.ts';
import { notify } from './notify.ts';
import * as repo from './notifications.repo.ts';

const admins = ['owner', 'admin'] as const;

const joined = z.object({ change: z.literal('joined'), userId: z.uuid() });
const invited = z.object({ email: z.string(), role: z.string(), invitedBy: z.uuid().nullable() });
const roleChanged = z.object({ userId: z.uuid(), to: z.string(), changedBy: z.uuid().nullable() });

function knownVersion(event: PublishedEvent) {
  if (event.version !== 1) throw new Error(`${event.type} version ${event.version} is not known`);
}

/**
 * The members module's notifications: its owners and admins hear who was invited (chatty: live or in
 * a digest) and who joined; a member hears that their role changed. Someone who did it is not told.
 */
export const memberNotices: ConsumerHandler = async (event, deps) => {
  knownVersion(event);
  const [space] = await repo.selectWorkspace(deps.tx);
  if (!space) return;
  const members = `/w/${space.slug}/members`;
  if (event.type === 'members.invited') {
    const p = invited.parse(event.payload);
    const text = `${p.email} was invited to ${space.name} as ${p.role}`;
    await notify(event, deps, { kind: 'member.invited', to: { roles: admins }, except: p.invitedBy, text, link: members });
    return;
  }
  if (event.type === 'members.changed') {
    const p = joined.safeParse(event.payload);
    if (!p.success) return;
    const [person] = await repo.selectPerson(deps.tx, p.data.userId);
    const text = `${person?.name ?? 'Someone'} joined ${space.name}`;
    await notify(event, deps, { kind: 'member.joined', to: { roles: admins }, except: p.data.userId, text, link: members });
    return;
  }
  const p = roleChanged.parse(event.payload);
  const text = `Your role in ${space.name} is now ${p.to}`;
  await notify(event, deps, { kind: 'member.role_changed', to: { person: p.userId }, text, link: `/w/${space.slug}` });
};
