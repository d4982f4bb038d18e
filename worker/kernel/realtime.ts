import type { Role } from './actor.ts';

/**
 * The contract between the app, the `WorkspaceHub` Durable Object (one per workspace) and the web
 * app's realtime layer (docs/decisions/049-workspace-realtime-hub.md). A message says that something
 * changed and which ids it touched, never what the rows hold: the client refetches through the API
 * under its own permissions. Types only and plain data, so the web app may import it too.
 */
export interface ChangeMessage {
  /** The domain event's type (`project.created`) or a hub notice (`presence`, `access.changed`). */
  readonly kind: string;
  /** Public ids of what changed, by kind (`{ project: 'prj_…' }`); empty when the event names none. */
  readonly ids: Readonly<Record<string, string>>;
  /** The event's schema version. */
  readonly version: number;
}

export interface PresenceEntry {
  /** The person's public id (`usr_…`). */
  readonly id: string;
  /** Sockets the person holds open in this workspace. */
  readonly connections: number;
}

export interface PresenceMessage {
  readonly kind: 'presence';
  readonly people: readonly PresenceEntry[];
  readonly version: 1;
}

/** A message only for the sockets of one person (the notification inbox's push). */
export interface PersonalMessage {
  readonly kind: string;
  readonly ids: Readonly<Record<string, string>>;
  readonly version: number;
}

/**
 * Close codes of the hub's sockets (4000–4999 are the application's, RFC 6455 §7.4.2). A client
 * reconnects after any of them except the revocations (4401, 4403, 4410), where a new ticket is
 * refused anyway.
 */
export const hubCloseCodes = {
  /** The person already holds `perPerson` sockets in this workspace. */
  tooManyForPerson: 4008,
  /** The workspace's hub already holds `perWorkspace` sockets. */
  tooManyForWorkspace: 4009,
  /** A client message longer than `messageBytes`. */
  messageTooBig: 4013,
  /** A client message that is not one of the few the hub understands. */
  badMessage: 4000,
  /** More than `messagesPerSecond` client messages in a second. */
  tooManyMessages: 4029,
  /** Membership removed, the session or the API key revoked. */
  revoked: 4401,
  /** The workspace was suspended. */
  suspended: 4403,
  /** The workspace was deleted. */
  deleted: 4410,
} as const;

export interface HubLimits {
  readonly messageBytes: number;
  readonly perPerson: number;
  readonly perWorkspace: number;
  readonly messagesPerSecond: number;
}

export const defaultHubLimits: HubLimits = { messageBytes: 4096, perPerson: 8, perWorkspace: 2000, messagesPerSecond: 10 };

/** Who a socket belongs to, as the ticket named them; kept on the socket (`serializeAttachment`). */
export interface HubSocketOwner {
  /** The person (for an API key, its maker). */
  readonly personId: string;
  /** `session:<id>`, `key:<id>` or `token:<person id>`: what revoking ends. */
  readonly credential: string;
  readonly role: Role;
  /** False for API keys: a script's socket is not someone being online. */
  readonly present: boolean;
}

/** What ends or narrows sockets of a workspace, told to its hub right after the commit that decided it. */
export type HubRevocation =
  | { readonly type: 'person'; readonly personId: string }
  | { readonly type: 'credential'; readonly credential: string }
  | { readonly type: 'role'; readonly personId: string; readonly role: Role }
  | { readonly type: 'workspace'; readonly state: 'suspended' | 'deleted' };

/**
 * What a request tells hubs after its response (`Services.realtime`): collected while the request
 * runs, sent by `ctx.waitUntil` once it has answered, so a write that rolled back tells nothing.
 * Call it after the write's promise resolved.
 */
export interface RealtimeNotices {
  /** A change message for the workspace's hub (the realtime consumer, in a queue batch). */
  broadcast(workspaceId: string, message: ChangeMessage): void;
  revoke(workspaceId: string, revocation: HubRevocation): void;
  /** A revoked session or token of a person: every hub of the person's workspaces is told. */
  revokeEverywhere(personId: string, credential: string): void;
}

/** What the worker hands the hub with a connection it has already authenticated. */
export interface HubAdmission {
  readonly owner: HubSocketOwner;
  /** The ticket's id, spent here: a second connection with the same ticket is refused. */
  readonly ticketId: string;
  /** When the ticket expires (epoch ms); kept until then to recognise a replay. */
  readonly ticketExpiresAt: number;
  readonly limits: HubLimits;
  /** The person's public id, as presence shows it. */
  readonly personPublicId: string;
}

export const hubAdmissionHeader = 'x-hub-admission';

/**
 * The live push to a person's open connections in one workspace (`Services.livePush`): a consumer
 * that made something for a person offers it here, and otherwise relies on the next fetch. The
 * message is small (kind and id): the client refetches through the API.
 */
export interface RealtimePush {
  /** True when at least one of the person's connections in the workspace received it. */
  pushTo(personId: string, workspaceId: string, message: { kind: string; id: string }): Promise<boolean>;
}
