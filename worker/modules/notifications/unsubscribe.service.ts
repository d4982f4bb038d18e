import { type Database, system } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { requireKind } from './notifications.kinds.ts';
import * as repo from './notifications.repo.ts';
import { checkChange } from './preferences.service.ts';
import { readUnsubscribeToken, type Unsubscribe } from './unsubscribe-link.ts';

const invalid = () => new AppError('INVALID_TOKEN', 'This unsubscribe link is not valid');

/** What a link turns off, with the names its page shows; an altered or foreign token is refused. */
export async function readLink(db: Database, secret: string, token: string | undefined) {
  const target = token ? await readUnsubscribeToken(secret, token) : null;
  if (!target) throw invalid();
  const kind = requireKind(target.kind);
  const [found] = await system(db, contextOf(target)).query((q) => repo.selectMembershipName(q, target.personId));
  if (!found) throw new AppError('NOT_FOUND', 'You are no longer a member of this workspace');
  return { target, kind, workspaceName: found.workspaceName };
}

/**
 * Turns off the one preference the link names (that kind's email, for that person in that
 * workspace), as the request role in their context: nothing else changes, and every later send reads it.
 */
export async function unsubscribe(db: Database, secret: string, token: string | undefined) {
  const link = await readLink(db, secret, token);
  checkChange(link.kind, { channel: 'email', enabled: false });
  await system(db, contextOf(link.target)).query((q) =>
    repo.upsertPreference(q, {
      workspaceId: link.target.workspaceId,
      personId: link.target.personId,
      kind: link.target.kind,
      channel: 'email',
      enabled: false,
    }),
  );
  return link;
}

const contextOf = (target: Unsubscribe) => ({ role: 'app_request', workspace: target.workspaceId, person: target.personId }) as const;
