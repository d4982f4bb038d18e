import { client, seg, unwrap } from '@/lib/api-client';

const ticket = client.api.v1.w[':workspace'].realtime.ticket;

/** A single-use ticket for one connection to the workspace's hub. */
export const createTicket = (slug: string) => unwrap(ticket.$post({ param: { workspace: seg(slug) }, query: {} }));

const heartbeat = client.api.v1.w[':workspace'].realtime.heartbeat;

/** Tells the server someone is still connected, so the workspace's events keep reaching its hub. */
export const sendHeartbeat = (slug: string) => unwrap(heartbeat.$post({ param: { workspace: seg(slug) }, query: {} }));
