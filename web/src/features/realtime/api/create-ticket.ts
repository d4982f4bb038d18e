import { client, seg, unwrap } from '@/lib/api-client';

const ticket = client.api.v1.w[':workspace'].realtime.ticket;

/** A single-use ticket for one connection to the workspace's hub. */
export const createTicket = (slug: string) => unwrap(ticket.$post({ param: { workspace: seg(slug) }, query: {} }));
