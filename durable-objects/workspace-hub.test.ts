import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { defaultHubLimits, type HubAdmission, hubAdmissionHeader, hubCloseCodes } from '../worker/kernel/realtime.ts';
import type { HubNamespace } from '../worker/modules/realtime/realtime.hub.ts';

const hub = () => {
  const namespace = env.WORKSPACE_HUB as HubNamespace;
  return namespace.get(namespace.idFromName(crypto.randomUUID()));
};

function admission(personId: string, limits = defaultHubLimits): HubAdmission {
  return {
    owner: { personId, credential: `session:${crypto.randomUUID()}`, role: 'member', present: true },
    ticketId: crypto.randomUUID(),
    ticketExpiresAt: Date.now() + 30_000,
    limits,
    personPublicId: `usr_${personId.slice(0, 8)}`,
  };
}

async function open(stub: ReturnType<typeof hub>, admitted: HubAdmission) {
  const res = await stub.fetch('https://hub/connect', {
    headers: { upgrade: 'websocket', [hubAdmissionHeader]: JSON.stringify(admitted) },
  });
  const ws = res.webSocket as WebSocket;
  ws.accept();
  const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)));
  return { status: res.status, ws, closed };
}

describe('WorkspaceHub', () => {
  it('closes the socket beyond the workspace cap with 4009', async () => {
    const stub = hub();
    const limits = { ...defaultHubLimits, perWorkspace: 2 };
    await open(stub, admission(crypto.randomUUID(), limits));
    await open(stub, admission(crypto.randomUUID(), limits));
    const third = await open(stub, admission(crypto.randomUUID(), limits));
    expect(await third.closed).toBe(hubCloseCodes.tooManyForWorkspace);
  });

  it('spends a ticket once, and refuses one that has expired', async () => {
    const stub = hub();
    const admitted = admission(crypto.randomUUID());
    expect((await open(stub, admitted)).status).toBe(101);
    const again = await stub.fetch('https://hub/connect', {
      headers: { upgrade: 'websocket', [hubAdmissionHeader]: JSON.stringify(admitted) },
    });
    expect(again.status).toBe(409);
    const stale = { ...admission(crypto.randomUUID()), ticketExpiresAt: Date.now() - 1 };
    const late = await stub.fetch('https://hub/connect', {
      headers: { upgrade: 'websocket', [hubAdmissionHeader]: JSON.stringify(stale) },
    });
    expect(late.status).toBe(409);
  });

  it('answers a batch at once when nobody is connected', async () => {
    expect(await hub().apply({ messages: [{ kind: 'project.created', ids: {}, version: 1 }], revocations: [] })).toEqual({
      delivered: 0,
      revoked: 0,
    });
  });
});
