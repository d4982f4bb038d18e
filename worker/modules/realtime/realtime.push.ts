import type { PersonalMessage } from '../../kernel/realtime.ts';
import { type HubNamespace, hubOf } from './realtime.hub.ts';

/**
 * Pushes a message to one person's open connections in one workspace (and to nobody else there), for
 * features whose news is personal: the notification inbox sends `{ kind: 'notification.created',
 * ids: { notification: 'ntf_…' }, version: 1 }` after the row committed, and the web app refetches
 * the inbox. Like every hub message it names ids, never content. Resolves to the number of
 * connections that received it (0 when the person is offline: nothing is queued for later).
 *
 * @example await pushToPerson(env.WORKSPACE_HUB, workspaceId, userId, { kind: 'notification.created', ids, version: 1 })
 */
export function pushToPerson(hubs: HubNamespace, workspaceId: string, personId: string, message: PersonalMessage): Promise<number> {
  return hubOf(hubs, workspaceId).deliverTo(personId, message);
}
