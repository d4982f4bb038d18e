/**
 * Request and response shapes of the HTTP API, mirrored by hand until the worker exports its
 * `AppType` for `hono/client`. Field names are the wire names (snake_case).
 */

export const roles = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];

export type FieldErrors = Record<string, string[]>;

export interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    fields?: FieldErrors;
    request_id: string;
  };
}

// Auth and the current user

export interface User {
  id: string;
  email: string;
  name: string;
  created_at: string;
}

export interface SignupInput {
  email: string;
  password: string;
  name: string;
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface AuthResponse {
  user: User;
}

export interface WorkspaceRef {
  id: string;
  slug: string;
  name: string;
}

export interface Membership {
  workspace: WorkspaceRef;
  role: Role;
}

export interface MeResponse {
  user: User;
  memberships: Membership[];
}

// Workspaces

export interface CreateWorkspaceInput {
  name: string;
  slug?: string;
}

export interface Workspace extends WorkspaceRef {
  role: Role;
  created_at: string;
}

export interface WorkspaceList {
  items: Workspace[];
}

// Projects

export const projectStatuses = ['active', 'archived'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const projectSorts = ['-created_at', 'created_at', 'name', '-name'] as const;
export type ProjectSort = (typeof projectSorts)[number];

export interface Project {
  id: string;
  name: string;
  description: string | null;
  status: ProjectStatus;
  created_at: string;
  updated_at: string;
}

export interface ProjectListQuery {
  limit?: number;
  cursor?: string;
  status?: ProjectStatus;
  sort?: ProjectSort;
}

export interface ProjectPage {
  items: Project[];
  next_cursor: string | null;
  has_more: boolean;
}

export interface CreateProjectInput {
  name: string;
  description?: string;
  status?: ProjectStatus;
}

export interface UpdateProjectInput {
  name?: string;
  description?: string | null;
  status?: ProjectStatus;
}

// API keys

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
}

export interface ApiKeyList {
  items: ApiKey[];
}

export interface CreateApiKeyInput {
  name: string;
  role?: Role;
}

export interface CreatedApiKey extends ApiKey {
  last_used_at: null;
  /** The full secret. The API returns it in this response only. */
  key: string;
}
