/**
 * The live push to a person's open connections in one workspace. Not wired yet: a consumer that made
 * something for a person calls it when present (`services.realtime?.pushTo`) and otherwise relies on
 * the next fetch. The message is small (kind and ids): the client refetches through the API.
 */
export interface RealtimePush {
  /** True when at least one of the person's connections in the workspace received it. */
  pushTo(personId: string, workspaceId: string, message: { kind: string; id: string }): Promise<boolean>;
}
