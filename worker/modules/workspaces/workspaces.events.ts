/** The workspaces module's events: a workspace was created by a person (not a demo, not a seed). */
declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'workspace.created': { workspaceId: string };
  }
}

export {};
