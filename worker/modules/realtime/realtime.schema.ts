import { z } from '@hono/zod-openapi';

export const workspaceParams = z.object({ workspace: z.string() });

export const connectQuery = z
  .object({ ticket: z.string().max(1024).openapi({ description: 'A ticket from `POST …/realtime/ticket`, used once.' }) })
  .strict();

export const ticketSchema = z
  .object({
    ticket: z.string(),
    expires_at: z.string(),
    websocket_path: z.string().openapi({ description: 'Open a WebSocket to this path (same origin) within the ticket’s life.' }),
    events_path: z.string().openapi({ description: 'Or read server-sent events from this path, with the same ticket.' }),
  })
  .openapi('RealtimeTicket', {
    example: {
      ticket: 'eyJ2IjoxfQ.c2lnbmF0dXJl',
      expires_at: '2026-12-06T09:00:30.000Z',
      websocket_path: '/api/v1/w/ws_01jd3z6q4x2m8v7n5k9b0c1d2e/realtime/connect?ticket=eyJ2IjoxfQ.c2lnbmF0dXJl',
      events_path: '/api/v1/w/ws_01jd3z6q4x2m8v7n5k9b0c1d2e/realtime/events?ticket=eyJ2IjoxfQ.c2lnbmF0dXJl',
    },
  });

export const presenceSchema = z
  .object({
    people: z.array(z.object({ id: z.string(), connections: z.number().int() })),
  })
  .openapi('RealtimePresence', { example: { people: [{ id: 'usr_01jd3z6q4x2m8v7n5k9b0c1d2e', connections: 2 }] } });

export const heartbeatSchema = z
  .object({
    interest_expires_in: z
      .number()
      .int()
      .openapi({ description: 'Seconds the workspace’s events keep flowing to its hub without another heartbeat.' }),
  })
  .openapi('RealtimeHeartbeat', { example: { interest_expires_in: 300 } });
