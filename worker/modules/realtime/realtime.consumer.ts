import type { ConsumerHandler } from '../lazy-consumers.ts';
import { changeMessageOf } from './realtime.messages.ts';

/**
 * Every published event of a workspace where someone may be connected (the realtime interest a ticket
 * holds and heartbeats renew) becomes a `{kind, ids, version}` message for its hub. The messages of one
 * queue batch are collected and sent once the batch is done, one hub call per workspace
 * (`batchServices` in wiring.ts): never a hub call per request, none where nobody is connected.
 */
export const realtimeBroadcast: ConsumerHandler = async (event, { services }) => {
  services.realtime?.broadcast(event.workspace_id, changeMessageOf(event));
};
