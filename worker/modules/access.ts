import type { Scope } from '../db/tenant.ts';
import { AppError } from '../kernel/errors.ts';
import { type Action, can, credentialActions, mayMintCredentials } from '../kernel/permissions.ts';
import { permissions } from './assembly.ts';

/** Services' one check before acting in a workspace; returns the workspace id it is allowed in. */
export function assertCan(scope: Scope, action: Action): string {
  const workspaceId = scope.workspace?.id;
  if (!workspaceId) throw new AppError('NOT_FOUND', 'Workspace not found');
  if (!can(permissions(), scope.actor, action, { workspaceId })) {
    if (credentialActions.has(action) && !mayMintCredentials(scope.actor)) throw credentialCannotMint();
    throw new AppError('FORBIDDEN', 'Your role does not allow this');
  }
  return workspaceId;
}

/** Whether the scope's actor may take the action in its workspace; for rules that widen what someone sees. */
export function allows(scope: Scope, action: Action): boolean {
  const workspaceId = scope.workspace?.id;
  return workspaceId !== undefined && can(permissions(), scope.actor, action, { workspaceId });
}

/** An API key or a personal access token asked to mint a credential or change who can sign in. */
export const credentialCannotMint = () =>
  new AppError(
    'CREDENTIAL_CANNOT_MINT',
    'An API key or a personal access token cannot create credentials or change who can sign in; sign in to do this',
  );

/** The person a request acts for: the signed-in person, or the maker of the API key; null for system work. */
export function personBehind(scope: Scope): string | null {
  if (scope.actor.type === 'user') return scope.actor.userId;
  if (scope.actor.type === 'api_key') return scope.actor.madeBy;
  return null;
}
