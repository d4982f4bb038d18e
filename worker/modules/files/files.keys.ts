/** A workspace's files live under its own prefix; nothing else is ever stored there. */
export const workspacePrefix = (workspaceId: string) => `files/${workspaceId}/`;

/** Where a file's bytes live: chosen by the server from the workspace and the file's id, never from the client. */
export const objectKeyOf = (workspaceId: string, fileId: string) => `${workspacePrefix(workspaceId)}${fileId}`;
