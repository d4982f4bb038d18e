import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { AppError } from '../../kernel/errors.ts';
import { defaultHubLimits, type HubLimits, hubAdmissionHeader } from '../../kernel/realtime.ts';
import { tenantGateway } from '../../middleware/principal.ts';
import { errorResponses, jsonContent, newRouter, noQuery } from '../router.ts';
import type { HubNamespace } from './realtime.hub.ts';
import { hubOf } from './realtime.hub.ts';
import { assertSocketOrigin } from './realtime.origin.ts';
import { connectQuery, heartbeatSchema, presenceSchema, ticketSchema, workspaceParams } from './realtime.schema.ts';
import * as realtime from './realtime.service.ts';

const tags = ['Realtime'];
const base = '/w/{workspace}/realtime';
const refused = { 426: { description: 'Not a WebSocket handshake, or not asking for server-sent events (UPGRADE_REQUIRED)' } } as const;

const hubs = (c: Context<AppEnv>) => c.env.WORKSPACE_HUB as HubNamespace;

function limitsOf(c: Context<AppEnv>): HubLimits {
  const config = c.get('config');
  return { ...defaultHubLimits, perPerson: config.REALTIME_SOCKETS_PER_PERSON, perWorkspace: config.REALTIME_SOCKETS_PER_WORKSPACE };
}

/**
 * The checks every connection passes before the hub sees it: the origin of a cookie-borne handshake,
 * the transport asked for, the credential and the ticket. The hub then spends the ticket.
 */
async function openAtHub(c: Context<AppEnv>, transport: 'connect' | 'events'): Promise<Response> {
  const config = c.get('config');
  const headers = { origin: c.req.header('origin'), fetchSite: c.req.header('sec-fetch-site') };
  assertSocketOrigin(c.get('credential'), headers, [config.APP_ORIGIN, ...config.CORS_ORIGINS]);
  const connection = await realtime.resolveConnection(tenantGateway(c));
  const asked =
    transport === 'connect'
      ? c.req.header('upgrade')?.toLowerCase() === 'websocket'
      : c.req.header('accept')?.includes('text/event-stream');
  if (!asked) throw new AppError('UPGRADE_REQUIRED', transport === 'connect' ? 'Send a WebSocket handshake' : 'Ask for text/event-stream');
  const admitted = await realtime.admit(connection, config.APP_SECRET, c.req.query('ticket'), limitsOf(c));
  const toHub = new Headers({ [hubAdmissionHeader]: JSON.stringify(admitted.admission) });
  if (transport === 'connect') toHub.set('upgrade', 'websocket');
  const answer = await hubOf(hubs(c), admitted.workspaceId).fetch(`https://hub/${transport}`, { headers: toHub });
  if (answer.status === 409) throw new AppError('REALTIME_TICKET_INVALID', 'The ticket was already used');
  // The hub's headers are immutable; the chain still adds its own (request id, security headers).
  return new Response(answer.body, { status: answer.status, headers: new Headers(answer.headers), webSocket: answer.webSocket });
}

export const realtimeRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: `${base}/ticket`,
        summary: 'Get a realtime ticket',
        description: 'A single-use ticket, valid for 30 seconds, to open one WebSocket or event stream to the workspace’s hub.',
        tags,
        request: { params: workspaceParams, query: noQuery },
        responses: { 201: jsonContent(ticketSchema, 'The ticket and where to use it'), ...errorResponses },
      }),
      async (c) => c.json(await realtime.issueTicket(tenantGateway(c), c.get('config').APP_SECRET), 201),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${base}/heartbeat`,
        summary: 'Keep realtime events flowing',
        description:
          'Send every two minutes while connected: the workspace’s events are queued for its hub only while a ticket or a heartbeat of the last five minutes says someone may be listening.',
        tags,
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(heartbeatSchema, 'How long the events keep flowing'), ...errorResponses },
      }),
      async (c) => c.json(await realtime.heartbeat(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `${base}/connect`,
        summary: 'Open a realtime WebSocket',
        description:
          'Upgrades to a WebSocket that receives `{kind, ids, version}` messages and presence. Send `ping` every 25 s. Close codes: 4000 unknown message, 4008 too many connections for the person, 4009 for the workspace, 4013 message too big, 4029 too many messages, 4401 access revoked, 4403 workspace suspended, 4410 workspace deleted.',
        tags,
        request: { params: workspaceParams, query: connectQuery },
        responses: { 101: { description: 'Switching to the WebSocket protocol' }, ...refused, ...errorResponses },
      }),
      (c) => openAtHub(c, 'connect') as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `${base}/events`,
        summary: 'Read realtime server-sent events',
        description: 'The same messages as the WebSocket, server to client only (`Accept: text/event-stream`).',
        tags,
        request: { params: workspaceParams, query: connectQuery },
        responses: {
          200: {
            description: 'A stream of `data:` lines, one JSON message each',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...refused,
          ...errorResponses,
        },
      }),
      (c) => openAtHub(c, 'events') as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `${base}/presence`,
        summary: 'List who is online',
        tags,
        request: { params: workspaceParams, query: noQuery },
        responses: {
          200: jsonContent(presenceSchema, 'People with an open connection that pinged within the last minute'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ people: [...(await realtime.presence(tenantGateway(c), hubs(c))).people] }, 200),
    );
