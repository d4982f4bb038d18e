import type { WorkspaceHub } from '../../../durable-objects/workspace-hub.ts';

/** The `WORKSPACE_HUB` binding. */
export type HubNamespace = DurableObjectNamespace<WorkspaceHub>;

/**
 * The hub of one workspace, named by the workspace's uuid as the database resolved it (a ticket, a
 * credential check or a committed write), never by text a client sent.
 */
export const hubOf = (hubs: HubNamespace, workspaceId: string) => hubs.get(hubs.idFromName(workspaceId));
